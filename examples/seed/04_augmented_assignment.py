# Augmented assignment (+=): a mutable left side is changed in place,
# an immutable one is replaced by a new object and the name rebound.

# list: += extends the same list, so an alias sees the change
nums = [1, 2]
alias = nums
nums += [3]
print(nums, alias, nums is alias)       # [1, 2, 3] [1, 2, 3] True

# list: a = a + [...] builds a new list instead
nums = [1, 2]
alias = nums
nums = nums + [3]
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
print(s, t, s is t)                     # heaplab heap False

# tuple: immutable, += makes a new tuple...
tup = (1, 2)
other = tup
tup += (3,)
print(tup, other, tup is other)         # (1, 2, 3) (1, 2) False

# ...but a tuple may hold a mutable list, and that list can still change
pair = ([1], [2])
pair[0].append(10)
print(pair)                             # ([1, 10], [2])
