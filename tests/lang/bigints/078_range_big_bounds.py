# range() with bounds beyond 64 bits: repr, list, indexing, membership, iteration.
r = range(2**64, 2**64 + 10, 3)
print(r, list(r))
print(r[0], r[-1], r[2], 2**64 + 3 in r, 2**64 + 4 in r)
big = range(2**70)
print(big, big[2**69], big[-1], big[0])
print(range(-2**65, 2**65, 2**64)[3], list(range(-2**65, 2**65, 2**64)))
for i in range(-2**64, -2**64 + 2):
    print(i)
