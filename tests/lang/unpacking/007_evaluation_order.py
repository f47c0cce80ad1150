a = [1, 2, 3]
i = 0
i, a[i] = 1, 'x'
print(i, a)
x = [0, 0]
y = x
x, x[0] = [5, 5], 9
print(x, y)
