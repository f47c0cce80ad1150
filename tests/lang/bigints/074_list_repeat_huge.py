# Repeating a list a count beyond the index range is OverflowError.
print([0] * (2**70 - 2**70 + 3))
print([0] * 2**70)
print('not reached')
