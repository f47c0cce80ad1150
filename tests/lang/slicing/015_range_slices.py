# Slicing a range makes a range (CPython's compute_slice): clamped bounds, negative steps,
# slices of slices, and ranges past int64.
r = range(10)
print(r[2:8:2], r[::-1], r[::2], r[-3:], r[:-3], r[5:2], r[100:], r[-100:3])
print(range(0, 10, 3)[1:], range(10, 0, -2)[1:3], range(10, 0, -2)[::-1], range(5)[True:])
print(list(range(10)[::-3]), range(0)[::-1], range(3)[::5], len(range(10**18)[::7]))
print(range(2**64, 2**65)[::2**62], range(2**70)[-3:], range(2**70)[::-1][:2])
print(range(-10**30, 10**30, 7)[10:20:3], list(range(-10**30, 10**30, 7)[10:20:3]))
print(range(0, 10, 2**62)[::4], range(10)[1:9][2:5][::-1])
x = range(1, 20, 3)
print(x[1:] == range(4, 20, 3), x[::2] == range(1, 20, 6), 7 in x[1:], list(reversed(x[2:5])))
