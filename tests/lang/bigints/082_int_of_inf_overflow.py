# int() of the largest float is a big int; int() of infinity is OverflowError.
print(int(1.7976931348623157e308) == 2**1024 - 2**971)
print(int(float('inf')))
print('not reached')
