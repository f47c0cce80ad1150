a = [[1], [2]]
b = a[:]
print(b == a, b is a)
print(b[0] is a[0])
b.append([3])
b[0].append('x')
print(a)
print(b)
