lst = [1, 2, 3]
print(2 in lst, 5 in lst, 5 not in lst)
t = ('a', 'b')
print('a' in t, 'c' in t)
print([1] in [[1], [2]])
print(1.0 in lst)
print(True in [1])
print(None in [None], None in [])
