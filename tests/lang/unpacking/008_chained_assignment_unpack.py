a = b = c = 0
print(a, b, c)
t = x, y = 1, 2
print(t, x, y)
