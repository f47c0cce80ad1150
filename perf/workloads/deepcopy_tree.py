# A deep copy as a whole script: the 1,000,000-node tree of build_tree.py, then, with the
# argument "copy", one copy.deepcopy of it. perf/peers.py runs it with and without the
# argument: the difference is the copy's time, start-up and the build subtracted.
import copy
import sys

n = 1_000_000
nodes = [[None, None, i] for i in range(n)]
for p in range(1, n):
    nodes[(p - 1) // 2][(p - 1) % 2] = nodes[p]
root = nodes[0]
nodes = None
if sys.argv[1:] == ["copy"]:
    twin = copy.deepcopy(root)
    print(twin[2], twin is root, twin[0] is root[0])
else:
    print("built")
