# Decimal literals beyond 64 bits print exactly, and equal the same value computed.
a = 18446744073709551616
print(a)
print(a == 2**64)
b = 123456789012345678901234567890123456789012345678901234567890
print(b)
print(b + 1)
print(340282366920938463463374607431768211455 == 2**128 - 1)
print(type(a))
