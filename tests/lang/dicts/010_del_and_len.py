d = {1: 'one', 2: 'two', 3: 'three'}
del d[2]
print(d, len(d))
d[2] = 'TWO'
print(d)
print(2 in d, 5 in d)
