import copy
a = ['a']
b = ['b', a]
a.append(b)
c = copy.deepcopy(a)
print(c)
print(c[1][1] is c, c[1] is b)
d = copy.deepcopy([a, b])
print(d[0][1] is d[1], d[1][1] is d[0])
