def min_max(seq):
    return min(seq), max(seq)

lo, hi = min_max([4, 9, 1, 7])
print(lo, hi)
r = min_max('hello')
print(r, type(r).__name__)
