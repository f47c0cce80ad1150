# sum, min and max over mixed big, small and negative ints.
xs = [2**70, -2**80, 5, 3**50, -1, 2**64]
print(sum(xs))
print(min(xs), max(xs))
print(sum([2**63] * 4), sum([2**63 - 1, 1]))
print(sum(range(10), 2**100))
print(max(2**64, 2**64 - 1, 1.5), min(-2**64, -1.8e19))
print(max(xs, key=abs), min(xs, key=abs))
