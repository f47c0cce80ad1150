# int / int whose quotient is beyond the float range is OverflowError.
print(2**1100 / 2**100)
print(2**2000 / 3)
print('not reached')
