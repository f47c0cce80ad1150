# Augmented assignment (+=): a mutable left side is changed in place,
# an immutable one is replaced by a new object and the name rebound.
import heaplab     # heap pictures: `heaplab run FILE --snapshots DIR` (a no-op under python3)

# list: += extends the same list, so an alias sees the change
nums = [1, 2]
alias = nums
nums += [3]
heaplab.snapshot("list += extends")     # nums and alias: still one list, now longer
print(nums, alias, nums is alias)       # [1, 2, 3] [1, 2, 3] True

# list: a = a + [...] builds a new list instead
nums = [1, 2]
alias = nums
nums = nums + [3]
heaplab.snapshot("list + makes a new list")  # nums: a new list; alias keeps the old one
print(nums, alias, nums is alias)       # [1, 2, 3] [1, 2] False

# int: immutable, += rebinds
n = 5
m = n
n += 1
print(n, m)                             # 6 5

# str: immutable, += rebinds
s = "heap"
t = s
s += "lab"
heaplab.snapshot("str += rebinds")      # s: a new str; t keeps the interned "heap"
print(s, t, s is t)                     # heaplab heap False

# tuple: immutable, += makes a new tuple...
tup = (1, 2)
other = tup
tup += (3,)
print(tup, other, tup is other)         # (1, 2, 3) (1, 2) False

# ...but a tuple may hold a mutable list, and that list can still change
pair = ([1], [2])
pair[0].append(10)
heaplab.snapshot("tuple holding lists")
print(pair)                             # ([1, 10], [2])
