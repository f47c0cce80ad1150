# Augmented assignment growing an int past 64 bits and bringing it back.
x = 2**62
x += 2**62
print(x)
x *= x
print(x)
x <<= 10
print(x)
x -= 1
print(x)
x //= 2**100
print(x)
x %= 1000
print(x)
x **= 20
print(x)
x >>= 100
x |= 2**65
x ^= 1
x &= 2**66 - 1
print(x)
