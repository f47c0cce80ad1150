a = [[1, 2], [3, 4]]
b = a.copy()
print(b == a, b is a)
print(b[0] is a[0])
b[0].append(99)
print(a)
b.append([5])
print(a)
print(b)
