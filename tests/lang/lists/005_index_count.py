a = ['a', 'b', 'c', 'b', 'a']
print(a.index('b'))
print(a.index('a'))
print(a.index('b', 2))
print(a.count('a'), a.count('z'))
print([1, 1.0, True].count(1))
print([[1], [1], 1].count([1]))
