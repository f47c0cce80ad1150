# A negative shift count is ValueError, for big operands as for small ones.
a = 2**100
print(a << 0, a >> 100)
print(a >> -1)
print('not reached')
