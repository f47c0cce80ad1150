# Negative big literals: unary minus applied to a literal beyond 64 bits.
a = -18446744073709551616
print(a)
print(-0x1_0000_0000_0000_0000_0000)
print(-a)
print(- -99999999999999999999999)
print(-9223372036854775809)
print(a < -9223372036854775808)
