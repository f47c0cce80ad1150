a = b = []
a.append(1)
print(a, b, a is b)
x = y = 0
x += 1
print(x, y)
p = q = {'n': 1}
q['n'] = 2
print(p)
