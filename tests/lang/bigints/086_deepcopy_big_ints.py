# copy and deepcopy of lists of big ints: equal lists, the same int objects (immutable).
import copy
a = [2**100, [3**70, -2**64], {'k': 10**30}]
b = copy.copy(a)
c = copy.deepcopy(a)
print(b == a, c == a, c)
print(b[0] is a[0], c[0] is a[0], c[1] is a[1], c[1][0] is a[1][0])
print(c[2]['k'] is a[2]['k'])
c[1][0] += 1
print(a[1][0], c[1][0])
