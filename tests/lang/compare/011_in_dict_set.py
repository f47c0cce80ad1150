d = {'a': 1, 'b': 2}
print('a' in d)
print(1 in d)
print(1 in d.values())
print('b' not in d)
s = {1, 2, 3}
print(2 in s, 4 in s, 4 not in s)
print(2.0 in s)
print(('a', 1) in d.items())
