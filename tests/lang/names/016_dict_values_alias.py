shared = []
d = {'a': shared, 'b': shared}
d['a'].append(1)
print(d)
d['b'] = d['b'] + [2]
print(d)
print(d['a'] is shared, d['b'] is shared)
