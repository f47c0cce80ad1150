import copy
shared = {'count': 0}
data = {'a': shared, 'b': shared, 'c': [shared]}
cp = copy.deepcopy(data)
cp['a']['count'] = 5
print(cp)
print(data)
print(cp['a'] is cp['b'], cp['c'][0] is cp['a'])
