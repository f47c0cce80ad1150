a = [0, 1, 2, 3, 4]
a[1:3] = ['a', 'b', 'c']
print(a)
a[1:4] = []
print(a)
a[:0] = [-2, -1]
print(a)
a[len(a):] = [5, 6]
print(a)
a[:] = 'xy'
print(a)
