# range() with bounds beyond 64 bits: indexing, membership, slicing, iteration.
r = range(2**64, 2**64 + 10, 3)
print(r, list(r))
print(r[0], r[-1], r[1:3], 2**64 + 3 in r, 2**64 + 4 in r)
big = range(2**70)
print(big[2**69], big[-1], 2**69 in big, -1 in big)
print(big[2**68:2**68 + 3], list(big[2**68:2**68 + 3]))
for i in range(-2**64, -2**64 + 2):
    print(i)
