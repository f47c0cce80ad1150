# hash(x) == hash(float(x)) whenever x == float(x), also for big ints.
for x in [2**53, 2**63, 2**64, 2**100, -2**70, 3 * 2**80, 2**1000, 2**1023 + 2**1000]:
    print(x == float(x), hash(x) == hash(float(x)), hash(float(x)))
x = 2**53 + 1
print(x == float(x), hash(x) == hash(float(x)), hash(x), hash(float(x)))
