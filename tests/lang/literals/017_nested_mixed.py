data = {'name': 'ann', 'tags': ['a', 'b'], 'pos': (1.5, -2), 'meta': {'ok': True, 'n': None}}
print(data)
print(data['tags'])
print(data['pos'][1])
print([data['meta'], [data['pos']]])
print({(1, 2): 'pair', 3: [()]})
