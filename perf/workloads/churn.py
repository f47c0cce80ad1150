# Churn over a 1,000,000-object live heap, for the collectors' pauses (make bench; README,
# "Watching the collector"). A list of 999,999 two-item lists stays live (a million objects
# with the list itself) while 3,000,000 replacements each make one new list and drop one: the
# heap keeps its size, and every collection has a million objects to mark. perf/workloads/
# churn.lua is the same for Lua 5.4.
import sys

n = 999_999
rounds = 3_000_000
if len(sys.argv) > 1:
    rounds = int(sys.argv[1])
records = [None] * n
for i in range(n):
    records[i] = [i, i + 1]
for i in range(rounds):
    records[i * 7919 % n] = [i, i]
total = 0
for r in records:
    total += r[0]
print(total)
