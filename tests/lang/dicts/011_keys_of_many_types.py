d = {1: 'int', 'one': 'str', (1, 2): 'tuple', 2.5: 'float', None: 'none', True: 'bool?'}
print(d)
print(d[1], d[(1, 2)], d[None], d[2.5])
print(d[1.0])
