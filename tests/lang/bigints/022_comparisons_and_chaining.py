# Comparisons between big, small and negative big ints, and chained comparisons.
a = 2**100
b = 2**100 + 1
print(a < b, a <= b, a == b, a != b, a > b, a >= b)
print(-a < -b, -a > -b, -a < 0 < a)
print(a > 2**63, a > 9223372036854775807, -a < -9223372036854775808)
print(1 < a < b < 2 * a)
print(1 < a < b > 3 * a)
print(a == 2**100, a == 1267650600228229401496703205376)
print(2**64 != 0, 0 < 2**64)
print(a < b == b <= a)
