# Results that come back into the 64-bit range are ordinary ints: no visible change.
x = 2**100 // 2**90
print(x, type(x), x == 1024)
y = (2**100 + 7) - 2**100
print(y, type(y), y + 1, y * 3)
z = 3**80 % 1000
print(z, type(z))
w = (2**100) >> 98
print(w, w << 1, [0, 1, 2, 3, 4, 5][w])
print('abcdef'[2**64 // 2**62], (1, 2, 3, 4, 5)[2**70 - (2**70 - 1)])
print(type(2**100) is type(5), type(2**100) == int)
