sq = lambda x: x * x
print(sq(7))
add = lambda a, b: a + b
print(add(2, 3))
pairs = [(1, 'b'), (3, 'a'), (2, 'c')]
print(sorted(pairs, key=lambda p: p[1]))
print(sorted(pairs, key=lambda p: -p[0]))
print((lambda: 'no args')())
