d = {'a': 1, 'b': 2}
print(d['a'])
print(d.get('a'))
print(d.get('z'))
print(d.get('z', 0))
print(d.get('b', 0))
d['c'] = 3
print(d)
d['a'] = 10
print(d)
