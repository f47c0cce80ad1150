d = {'a': 1, 'b': 2, 'c': 3}
print(d.pop('b'))
print(d)
print(d.pop('zz', 'default'))
print(d.pop('a', None))
print(d)
