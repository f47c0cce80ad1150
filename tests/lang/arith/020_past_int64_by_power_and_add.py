# 2**63 and neighbours, reached by power and by addition.
x = 2 ** 62
print(x)
y = x + (x - 1)
print(y)
print(2 ** 63, y + 1, y + 2)
print(2 ** 64 - 1, -(2 ** 63))
print(2 ** 63 - 1 == y)
