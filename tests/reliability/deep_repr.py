# A list nested 1,000,000 deep: built and measured without recursion; its repr and its
# comparison with an equal copy need one level of recursion per level, so they raise
# RecursionError as CPython does (comparing it with itself does not recurse: every item is
# identical to the other side's).
x = []
for i in range(1000000):
    x = [x]
depth = 0
y = x
while y:
    y = y[0]
    depth += 1
print(depth, len(x), x == x)
print(repr(x)[:10])
