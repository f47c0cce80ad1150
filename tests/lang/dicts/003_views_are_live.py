d = {'a': 1}
ks = d.keys()
vs = d.values()
d['b'] = 2
print(ks)
print(vs)
del d['a']
print(ks, list(vs))
print('b' in ks, 'a' in ks)
