(a, b), c = (1, 2), 3
print(a, b, c)
first, (second, third) = 'x', ['y', 'z']
print(first, second, third)
for i, (k, v) in enumerate([('a', 1), ('b', 2)]):
    print(i, k, v)
