# A big negative shift count is ValueError too (not OverflowError).
print(1 << 70)
print(1 << -(2**100))
print('not reached')
