# Big ints survive collections while referenced and are freed when dropped; values intact.
import gc
xs = [3**k for k in range(200, 400)]
junk = [7**k for k in range(200, 400)]
junk = None
gc.collect()
ys = [x * 2**64 + 1 for x in xs]
xs = xs[::2]
gc.collect()
print(len(xs), len(ys))
print(sum(xs) % (10**9 + 7), sum(ys) % (10**9 + 7))
print(xs[0] == 3**200, xs[-1] == 3**398, ys[-1] == 3**399 * 2**64 + 1)
d = {3**k: k for k in range(100, 150)}
gc.collect()
print(d[3**120], sum(d.values()))
