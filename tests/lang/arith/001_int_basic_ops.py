print(7 + 3, 7 - 3, 7 * 3)
print(2 + 3 * 4)
print((2 + 3) * 4)
print(10 - 2 - 3)
print(-3 * -3)
print(-(4 - 10))
x = 5
print(x * x - 2 * x + 1)
