# Lists of small ints (on Boehm their items sit in a buffer it does not scan), then every way
# of storing an object into them: each must still hold its object after collections.
import gc

a = [i for i in range(200)]
b = list(range(200))
c = [0] * 200
d = a[:]
e = a[::2] + b[1::3]
f = a.copy()
g = b * 2

a[5] = "five" + str(len(a))
b.append([1, 2, 3])
c.insert(7, {"k": 1.5})
d.extend([2.5, "x" * 3])
e[3:4] = [(1, "t"), None]
f[::50] = ["p" + str(i) for i in range(4)]
g += [["g"]]
h = [i % 5 for i in range(300)]
h[-1] = 3.25

gc.collect()
garbage = [[str(i)] for i in range(5000)]
garbage = None
gc.collect()

print(a[5], b[-1], c[7], d[-2:], e[3:5], f[::50], g[-1], h[-1])
print(len(a), len(b), len(c), len(d), len(e), len(f), len(g), len(h))
print(sum(x for x in a if isinstance(x, int)), c[:3], e[:3])
