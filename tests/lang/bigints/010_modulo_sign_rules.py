# Modulo takes the sign of the divisor, for big and small operands.
a = 10**30 + 7
b = 2**64
print(a % b, -a % b, a % -b, -a % -b)
print(a % 3, -a % 3, a % -3, -a % -3)
print(7 % b, -7 % b, 7 % -b, -7 % -b)
print(b % b, (b * b + 5) % b)
print(-a % 10**20)
x = -a
print(x // b * b + x % b == x)
