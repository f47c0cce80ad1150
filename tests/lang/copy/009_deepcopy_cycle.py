import copy
a = [1]
a.append(a)
print(a)
b = copy.deepcopy(a)
print(b)
print(b is a, b[1] is b, b[1] is a)
b.append(2)
print(a, b)
