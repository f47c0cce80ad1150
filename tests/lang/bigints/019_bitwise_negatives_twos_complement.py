# & | ^ with negative operands behave as infinite two's complement.
a = 2**100 + 12345
n = -2**70
print(a & n, a | n, a ^ n)
print(-1 & a == a, -1 | a, -1 ^ a)
print(n & 0xFFFF, n & (2**80 - 1))
print(-a & -a == -a, -a | 0, -a ^ -1)
print(-2**64 & 2**64, -2**64 | (2**64 - 1))
print((-3**60) & (-5**40))
print((-3**60) | (-5**40))
print((-3**60) ^ (-5**40))
