# heaplab only: copy.deepcopy of a list nested 1,000,000 deep (CPython's recursive deepcopy
# raises RecursionError here), collected with gc.collect, then freed; == on the two raises
# RecursionError as in CPython.
import copy
import gc

x = []
for i in range(1000000):
    x = [x]
y = copy.deepcopy(x)
gc.collect()
depth = 0
z = y
while z:
    assert z is not x
    z = z[0]
    depth += 1
print(depth)
x = 0
print(gc.collect() >= 1000000)
x = copy.deepcopy(y)
print(x == y)
