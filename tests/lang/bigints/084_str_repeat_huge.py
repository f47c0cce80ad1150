# Repeating a string a big number of times is OverflowError.
print('ab' * (2**100 // 2**99))
print('ab' * 2**64)
print('not reached')
