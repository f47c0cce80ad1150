import copy
inner = [1, 2]
outer = [inner, inner, {'x': inner}]
c = copy.deepcopy(outer)
print(c)
print(c[0] is c[1], c[0] is c[2]['x'])
print(c[0] is inner)
c[0].append(3)
print(c)
print(outer)
