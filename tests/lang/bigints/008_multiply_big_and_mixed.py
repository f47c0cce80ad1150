# Multiplication: big * big, big * small, signs, and zero.
a = 2**100 + 1
b = 10**30 - 7
print(a * b)
print(a * 3, 3 * a)
print(a * -1)
print(-a * -b)
print(a * 0)
print(2**64 * 2**64)
print(4294967296 * 4294967296)
print(9223372036854775807 * 9223372036854775807)
