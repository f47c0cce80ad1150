# >> brings big ints back to small ones, and past their width to 0.
x = 2**200 + 2**100 + 12345
print(x >> 100)
print(x >> 150)
print(x >> 199, x >> 200, x >> 201)
print(x >> 10000)
print((1 << 64) >> 64, (1 << 64) >> 1)
print((2**64 - 1) >> 32)
print(x >> 0 == x)
