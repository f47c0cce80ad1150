# Shifts of negative numbers: << multiplies, >> floors toward minus infinity.
print(-1 << 100)
print(-5 << 70)
print(-2**100 >> 3)
print(-2**100 >> 100, -2**100 >> 101, -2**100 >> 1000)
print((-2**100 - 1) >> 100)
print(-1 >> 1000, -1 >> 1)
print((-3**50) >> 7 == (-3**50) // 128)
