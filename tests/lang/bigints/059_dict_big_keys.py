# Big ints as dict keys: lookups, equal values written differently, float keys.
d = {2**64: 'a', 2**64 + 1: 'b'}
print(d)
print(d[18446744073709551616], d[1 << 64 | 1], d.get(2**64 - 1))
d[2**100] = 'c'
d[-2**100] = 'd'
d[5] = 'e'
print(d)
print(2**100 in d, 2**100 + 1 in d, float(2**64) in d, d[2.0**100])
del d[2**64]
print(d, len(d))
print(sorted(d))
