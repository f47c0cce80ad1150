t = (1, 2)
u = t
t += (3,)
print(t)
print(u)
print(t is u)
t2 = ([1],)
inner = t2[0]
t2[0].append(2)
print(t2, inner)
