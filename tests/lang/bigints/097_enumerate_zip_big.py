# enumerate() with a big start, zip and dict() over big ints.
print(list(enumerate('abc', 2**64)))
print(list(enumerate(['x', 'y'], -2**70)))
print(list(zip([2**64, 2**65], [-1, -2])))
print(dict(zip(['a', 'b'], [10**30, 10**31])))
print(dict(enumerate('pq', 2**100)))
