# Fragmentation (make fragmentation; README, "Fragmentation"): a live heap of records of mixed
# sizes (strs of 0 to 199 bytes, lists of 0 to 23 items, tuples holding a float, small dicts),
# replaced piecewise in a scattered order, so that the hole one record leaves is often of
# the wrong size for the next; then seven records in eight are dropped, which leaves the
# survivors scattered over the pages the whole heap filled. A size-classed allocator keeps a
# page as long as one block in it is live; glibc can merge neighbouring holes but only
# gives back memory at the top of its heap. perf/workloads/churn.py (one size, a hole always
# refilled by the next record) fragments far less.
import sys

n = 200_000
rounds = 600_000
if len(sys.argv) > 1:
    rounds = int(sys.argv[1])


def make(k):
    kind = k % 4
    if kind == 0:
        return "x" * (k % 200)
    if kind == 1:
        return [k] * (k % 24)
    if kind == 2:
        return (k, k + 0.5)
    return {"k": k, "v": k % 7}


records = [None] * n
for i in range(n):
    records[i] = make(i * 7919)
x = 1
for r in range(rounds):
    x = (x * 1103515245 + 12345) % 2147483648
    records[x % n] = make(x >> 8)
kept = 0
for i in range(n):
    if i % 8:
        records[i] = None
    else:
        kept += 1
print(kept, len(records))
