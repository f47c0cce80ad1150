# False retention from a script: a set of ids. hash(n) == n for an int below 2**61 - 1, and a
# heaplab set keeps each member's hash beside it in its entry table, a block Boehm scans: so
# the set holding id(table) holds a word equal to the table's address, and Boehm's
# conservative scan keeps the table. heaplab's collector reads only the set's keys (ints) and
# frees it. Only `heaplab run` (the heaplab module counts the objects):
#   heaplab run --backend boehm examples/false_retention/seen_ids.py
#   heaplab run --backend system examples/false_retention/seen_ids.py
import gc
import heaplab


def build(pages):
    return [[[str(p * 10 + i), float(i)] for i in range(10)] for p in range(pages)]


def live():
    gc.collect()
    return heaplab.stats()["live_objects"]


start = live()
table = build(1000)
seen = set()
seen.add(id(table))  # a program remembering which tables it has handled
print("table built:  ", live() - start, "objects alive")
# Not `del table`: heaplab's interpreter leaves the values it pops in its value stack, which
# Boehm scans too, until they are overwritten; building a small table overwrites them.
table = build(1)
print("table dropped:", live() - start, "objects alive (the new table has 31)")
seen.clear()
print("seen.clear(): ", live() - start, "objects alive")
