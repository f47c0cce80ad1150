points = [(1, 2), (3, 4), (5, 6)]
for x, y in points:
    print(x * y)
d = {'a': 1, 'b': 2}
for key, value in d.items():
    print(key, value)
for a, b in zip('ab', [10, 20]):
    print(a, b)
