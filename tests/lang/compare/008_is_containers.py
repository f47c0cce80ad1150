d = {'k': [1]}
e = d
f = {'k': [1]}
print(d is e, d is f, d == f)
print(d['k'] is e['k'])
print(d['k'] is f['k'])
t = (d, f)
print(t[0] is d, t[1] is d)
s = {1, 2}
print(s is s, s is {1, 2}, s == {1, 2})
