a = {'x': 1, 'y': 2}
b = {'y': 2, 'x': 1}
print(a == b)
print(list(a) == list(b))
print(a != {'x': 1})
print({1: [1]} == {1: [1]})
print({1: 1} == {1: 1.0})
