print(list())
print(list('abc'))
print(list((1, 2)))
print(list(range(4)))
print(list({'a': 1, 'b': 2}))
a = [1, 2]
b = list(a)
print(b == a, b is a)
