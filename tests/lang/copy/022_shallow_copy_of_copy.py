a = [[0]]
b = a[:]
c = b.copy()
d = list(c)
d[0].append('seen by all')
print(a, b, c, d)
print(a[0] is d[0])
