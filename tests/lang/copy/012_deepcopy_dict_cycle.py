import copy
d = {'name': 'root'}
d['self'] = d
print(d)
e = copy.deepcopy(d)
print(e)
print(e['self'] is e, e is d)
