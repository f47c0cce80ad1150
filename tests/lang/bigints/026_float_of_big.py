# float(big) rounds to nearest, ties to even; exact powers of two stay exact.
print(float(2**100), float(-2**100))
print(float(2**53), float(2**53 + 1), float(2**53 + 2), float(2**53 + 3))
print(float(10**22), float(10**23))
print(float(2**1023), float(2**1024 - 2**971))
print(float(10**308))
print(float(2**64 - 1))
print(float(123456789012345678901234567890))
