# float() of an int beyond the float range is OverflowError.
print(float(2**1024 - 2**971))
print(float(2**1024))
print('not reached')
