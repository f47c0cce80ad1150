# range() with bounds past int64: CPython's range takes ints of any size.
r = range(2**64, 2**64 + 10, 3)
print(r, len(r), list(r), list(reversed(r)))
print(r[0], r[-1], r[1], 2**64 + 3 in r, 2**64 + 4 in r, 5 in r)
print(r == range(2**64, 2**64 + 11, 3), range(2**70, 0) == range(0), range(5, 2**70, 2**70) == range(5, 6))
big = range(-2**70, 2**70, 2**69)
print(big, big[3], list(big), 2**70 in range(10), -2**70 in range(-5, 5))
print(list(enumerate("ab", 2**64)), max(range(2**64, 2**64 + 4)), sum(range(2**63, 2**63 + 3)))
