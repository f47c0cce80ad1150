a = [1, 2, 3]
a[0] = 'x'
a[-1] = 'z'
print(a)
a[1] = a
print(len(a))
b = [[0, 0], [0, 0]]
b[1][0] = 5
print(b)
