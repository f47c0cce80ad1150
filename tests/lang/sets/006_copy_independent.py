a = {1, 2}
b = a.copy()
b.add(3)
print(a, b)
c = a
c.add(0)
print(a, c is a, b is a)
d = set(a)
d.discard(0)
print(a, d)
