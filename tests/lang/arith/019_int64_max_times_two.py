# The largest int64 and past it: ints have no limit, the result is a big int that
# prints as CPython prints it, and comes back to a small int.
big = 9223372036854775807
print(big)
print(big - 1 + 1)
print(big * 2)
print(big * 2 // 2 == big, type(big * 2))
print(-big - 1, -big - 2)
