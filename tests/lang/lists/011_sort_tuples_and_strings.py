data = [(2, 'b'), (1, 'z'), (2, 'a'), (1, 'a')]
data.sort()
print(data)
print(sorted('hello'))
print(sorted((3, 1, 2)))
print(sorted({'b': 1, 'a': 2}))
print(sorted([2.5, 1, True, -0.5]))
print(sorted([[2], [1, 5], [1]]))
