# heaplab-only: ints are limited to 64 bits; CPython would print 2**64 here.
# Expected files are hand-written: heaplab raises OverflowError where CPython
# would switch to a big integer.
big = 9223372036854775807
print(big)
print(big - 1 + 1)
print(big * 2)
print('not reached')
