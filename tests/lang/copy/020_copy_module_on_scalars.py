import copy
x = 3.5
print(copy.copy(x) == x, copy.deepcopy(x) == x)
print(copy.copy('s'), copy.deepcopy([1, 'two', 3.0]))
print(copy.copy([]) == [], copy.copy({}) is not {})
print(copy.deepcopy(set([1, 2])))
