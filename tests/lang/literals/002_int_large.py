a = 2**62
print(a)
print(a - 1)
print(-a)
print(-a - 1)
b = (2**62 - 1) + 2**62
print(b)
print(b == 9223372036854775807)
c = -2**62 - 2**62
print(c)
print(c == -9223372036854775807 - 1)
print(1000000 * 1000000)
print(123456789 * 987654321)
