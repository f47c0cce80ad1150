a = [1, 2]
b = a
c = [1, 2]
print(id(a) == id(b), id(a) == id(c))
print(id(a) == id(a[:]))
d = {'a': a}
print(id(d['a']) == id(a))
print(type(id(a)).__name__)
