# An object-building loop: a binary tree of 1,000,000 lists [left, right, i], linked as in
# perf/shapes.c, then walked with an explicit stack.
n = 1_000_000
nodes = [[None, None, i] for i in range(n)]
for p in range(1, n):
    nodes[(p - 1) // 2][(p - 1) % 2] = nodes[p]
root = nodes[0]
nodes = None
total = 0
stack = [root]
while stack:
    node = stack.pop()
    total += node[2]
    if node[0] is not None:
        stack.append(node[0])
    if node[1] is not None:
        stack.append(node[1])
print(total)
