# A set of 2**k for k up to 130: the hashes 2**(k % 61) repeat, so the set must probe
# exactly as CPython's does to print in the same order.
s = set()
for k in range(131):
    s.add(2**k)
print(len(s))
print(s)
t = set(range(2**64, 2**64 + 20))
print(t)
