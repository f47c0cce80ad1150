a = 3037000499
print(a * a)
b = 2 ** 31
print(b * b)
print(b * b - 1 + b * b)
print(-b * b * 2)
print((10 ** 18) * 9)
