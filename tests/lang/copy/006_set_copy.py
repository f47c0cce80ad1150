s = {1, 2, 3}
t = s.copy()
t.discard(1)
print(s, t, s is t)
u = {(1, 2), (3, 4)}
v = u.copy()
print(u == v, len(v))
