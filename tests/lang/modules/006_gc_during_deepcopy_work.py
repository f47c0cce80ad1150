import copy
import gc
tree = [0]
node = tree
for i in range(200):
    child = [i + 1]
    node.append(child)
    node = child
c = copy.deepcopy(tree)
gc.collect()
depth = 0
node = c
while len(node) > 1:
    node = node[1]
    depth += 1
print(depth, node)
