import copy
a = [[1, 2], [3, [4, 5]]]
b = copy.deepcopy(a)
print(b == a, b is a)
print(b[0] is a[0], b[1][1] is a[1][1])
b[1][1].append(6)
print(a)
print(b)
