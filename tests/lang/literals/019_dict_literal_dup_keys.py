d = {'a': 1, 'b': 2, 'a': 3}
print(d)
print(len(d))
e = {1: 'int', 1.0: 'float', True: 'bool'}
print(e)
f = {0: 'zero', False: 'false'}
print(f)
