d = {'a': 1, 'b': 2}
d.update({'b': 20, 'c': 30})
print(d)
d.update([('d', 4), ('a', 0)])
print(d)
d.update({})
print(d)
