# int / int is correctly rounded even when neither operand fits a float exactly.
a = 3**60
b = 3**30
print(a / b, float(b))
print((2**54 + 1) / 2, (2**54 + 3) / 2)
print((2**64 + 1) / (2**64 - 1))
print((10**25 + 1) / 10**9)
n = 12345678901234567890123456789
d = 987654321987654321
print(n / d)
print(n / d == float(n) / float(d))
print((2**1100 + 1) / 2**1090)
