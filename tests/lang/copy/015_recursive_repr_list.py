a = [1, 2]
a.append(a)
print(a)
print(repr(a))
print(str(a))
b = [a]
print(b)
c = []
c.append(c)
c.append(c)
print(c)
