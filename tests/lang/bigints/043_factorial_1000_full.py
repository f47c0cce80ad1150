# All 2568 digits of factorial(1000), computed by recursion in ten blocks of 100.
def prod(lo, hi):
    if lo > hi:
        return 1
    if lo == hi:
        return lo
    mid = (lo + hi) // 2
    return prod(lo, mid) * prod(mid + 1, hi)

f = 1
for k in range(10):
    f = f * prod(100 * k + 1, 100 * k + 100)
print(f)
