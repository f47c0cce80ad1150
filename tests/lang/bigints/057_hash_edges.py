# hash() of big ints is the value modulo 2**61 - 1, with the sign, and -1 becomes -2.
print(hash(2**61 - 1), hash(2**61), hash(2**61 - 2))
print(hash(2**64), hash(2**64 - 1), hash(2**63))
print(hash(-2**100), hash(2**100))
print(hash(-(2**61 - 1)), hash(-2**61), hash(-2**61 - 1))
print(hash(-1), hash(-(2**61 - 1) * 5 - 1))
print(hash(10**30), hash(-10**30), hash(3**100))
print(hash(2**122 - 1), hash((2**61 - 1)**2))
