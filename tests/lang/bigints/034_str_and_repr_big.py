# str and repr of big ints are their decimal digits, also inside containers.
a = 2**100
print(str(a), repr(a))
print(str(-a), repr(-a))
print(len(str(2**1000)), len(repr(-2**1000)))
print([a, -a, 1], (a,), {'k': a})
print(str(10**50)[:5], str(10**50).count('0'))
print(str(a) + '!', int(str(a)) == a)
