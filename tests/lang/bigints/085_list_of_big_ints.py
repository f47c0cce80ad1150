# Lists of big ints: building, in, index, count, remove, reverse, equality.
xs = []
for k in range(60, 70, 2):
    xs.append(2**k)
print(xs)
print(2**64 in xs, 2**65 in xs, xs.index(2**64), xs.count(2**62))
xs.remove(2**66)
xs.reverse()
print(xs)
print(xs == [2**68, 2**64, 2**62, 2**60], [2**64] < [2**64 + 1])
print([2**64] * 3, [2**64, -2**64][::-1])
