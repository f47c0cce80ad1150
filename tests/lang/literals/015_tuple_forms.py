t = (1,)
print(t)
print(len(t))
print((1))
u = 1, 2
print(u)
print(type((1)), type((1,)))
print(((1,),))
print(tuple())
v = 3,
print(v)
