# max and min of big ints: positional, iterable, key, and default order of ties.
print(max(2**64, 2**63, 2**65), min(2**64, 2**63, 2**65))
print(max([-2**100, -2**99]), min([-2**100, -2**99]))
xs = [3**40, -3**41, 2**64, 7]
print(max(xs, key=abs), min(xs, key=lambda v: v % 1000))
print(max([2**64, 18446744073709551616.0]), max([18446744073709551616.0, 2**64]))
print(max(range(2**64, 2**64 + 5)))
