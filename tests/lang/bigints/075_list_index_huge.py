# Indexing a list with an int beyond the index range is IndexError.
xs = [10, 20, 30]
print(xs[2**70 - 2**70 + 2], xs[-2**70 + 2**70 - 1])
print(xs[2**70])
print('not reached')
