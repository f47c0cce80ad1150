a = [1, 2, 3, 2, 1]
a.remove(2)
print(a)
a.remove(1)
print(a)
b = [[1], [2], [1]]
b.remove([1])
print(b)
c = [1, 1.0, True]
c.remove(True)
print(c)
