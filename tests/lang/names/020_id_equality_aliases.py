a = [1, 2]
b = a
c = [1, 2]
print(id(a) == id(b))
print(id(a) == id(c))
a += [3]
print(id(a) == id(b))
a = a + [4]
print(id(a) == id(b))
print(b)
