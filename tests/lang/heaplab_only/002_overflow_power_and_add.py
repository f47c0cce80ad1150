# heaplab-only: ints are limited to 64 bits; CPython would print 2**63 here.
# Expected files are hand-written: heaplab raises OverflowError where CPython
# would switch to a big integer.
x = 2 ** 62
print(x)
y = x + (x - 1)
print(y)
print(2 ** 63)
print('not reached')
