# sorted and list.sort on mixed big and small ints, reversed and with a key.
xs = [2**64, -2**64, 3, 2**63, -2**63, 0, 10**20, -10**20, 2**64 - 1, 1.5]
print(sorted(xs))
print(sorted(xs, reverse=True))
print(sorted(xs, key=lambda v: v % 1000))
ys = [3**40, 2**63, 3**39, 2**64]
ys.sort()
print(ys)
