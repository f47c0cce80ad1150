d = {}
d['me'] = d
print(d)
e = {'a': [1]}
e['a'].append(e)
print(e)
print(e['a'])
