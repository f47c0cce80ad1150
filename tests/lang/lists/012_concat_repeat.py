a = [1, 2]
b = a + [3]
print(a, b)
c = a * 3
print(c)
print([0] * 0, [] * 5)
print(2 * ['x'])
d = [[]] * 2
d[0].append(1)
print(d)
