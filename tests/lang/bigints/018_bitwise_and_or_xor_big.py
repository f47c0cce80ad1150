# & | ^ on non-negative big ints, and mixed with small ones.
a = 2**100 + 2**64 + 0xF0F0
b = 2**100 + 2**63 + 0x0FFF
print(a & b, a | b, a ^ b)
print(a & 0xFFFF, a | 1, a ^ a)
print((2**128 - 1) & (2**64 - 1))
print((2**128 - 1) ^ (2**64 - 1))
print(0 | 2**200 == 2**200)
print(type(a & 0xFF), a & 0xFF)
