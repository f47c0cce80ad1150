# A workload for the fault-injection sweep: a little of everything the front end does, so that
# failing each of its allocations in turn reaches every kind of unwinding.
import copy
import gc
import sys

def tree(depth):
    return [tree(depth - 1), tree(depth - 1)] if depth else [depth]

def count(node):
    return 1 + sum(count(child) for child in node if isinstance(child, list))

def make_counter():
    n = 0
    def bump(by=1):
        nonlocal n
        n += by
        return n
    return bump

t = tree(5)
deep = copy.deepcopy(t)
shallow = copy.copy(t)
words = "the quick brown fox jumps over the lazy dog".split()
index = {w: i for i, w in enumerate(words)}
letters = {c for w in words for c in w}
pairs = sorted(zip(words, range(len(words))), key=lambda p: (len(p[0]), p[0]), reverse=True)
bump = make_counter()
for w in words:
    bump(len(w))
table = [[i * j for j in range(6)] for i in range(6)]
table += [list(range(3))] * 2
s = sys.intern("-".join(words[:4]))
text = f"{count(t)} {count(deep)} {len(index)} {sorted(letters)[:5]} {pairs[0]} {bump(0)} {s!r:>30}"
print(text, table[-1], deep == t, shallow[0] is t[0], "%s/%d" % ("x", 3))
del deep, shallow
print(gc.collect() >= 0, {k: v for k, v in index.items() if v % 2}, tuple(letters & set("aeiou")) != ())
# Constants the compiler folds (each leaf a boxed int or float to make, in boxed mode): a
# fold that fails must fail the compile or leave nothing pending.
print(-1000, 1000 * 3 + 7, (1000, 2.5, -300, "s"), {1000, 2000, 3000}, 2 ** 70 + 1, -(2 ** 64))
