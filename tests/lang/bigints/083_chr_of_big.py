# chr() of an int beyond C int range is OverflowError.
print(chr(2**70 - 2**70 + 65))
print(chr(2**70))
print('not reached')
