a = [1, 2, 3]
a[1:2] = a
print(a)
b = [1, 2]
b[len(b):] = b
print(b)
