# Set displays, comprehensions and set operations with big ints, in CPython's order.
a = {2**64, 2**65, 2**66, 5, 10**19}
print(a)
b = {x * 2**60 for x in range(10)}
print(b)
print(a & b, a - b)
print(a | {2**64 + 1, 2**61})
print(sorted(a ^ b))
print({2**64, 2**64 - 1 + 1, float(2**64)})
