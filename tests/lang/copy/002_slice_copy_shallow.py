a = [[1], 'x']
b = a[:]
b[0].append(2)
b[1] = 'y'
print(a, b)
