# Big ints whose hash equals a small int's (2**61 hashes to 1) collide in sets and dicts
# and still stay distinct keys, in CPython's probing order.
print(hash(2**61), hash(2**122), hash(2**61 - 1), hash(2**61 + 5))
s = {1, 2**61, 2**61 - 1, 0, 2**122}
print(s)
s.add(6)
s.add(2**61 + 5)
s.add(5)
print(s, len(s))
d = {1: 'one', 2**61: 'two61', 2**122: 'two122', 0: 'zero', 2**61 - 1: 'mersenne'}
print(d)
print(d[1], d[2**61], d[2**122], d[0], d[2**61 - 1])
