# Mixing a float with an int beyond the float range is OverflowError.
print(2**1000 * 1.0)
print(2**1024 + 0.5)
print('not reached')
