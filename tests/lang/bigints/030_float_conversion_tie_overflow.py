# float() rounds half to even: just below the halfway point above the largest float
# it rounds down, at the halfway point it rounds up to 2**1024 and overflows.
print(float(2**1024 - 2**970 - 1))
print(float(2**1024 - 2**970))
print('not reached')
