# A set of big and small ints prints in CPython's hash order.
s = set()
for x in [2**64, 3, 2**61 - 1, 2**61, -2**100, 2**64 + 1, 7, 10**20, -1, 2**100]:
    s.add(x)
print(s)
print(len(s), 0 in s, 2**61 - 1 in s, 2**61 - 2 in s)
t = set([2**70 + i for i in range(6)] + [i for i in range(6)])
print(t)
s.discard(2**64)
s.discard(3)
print(s)
