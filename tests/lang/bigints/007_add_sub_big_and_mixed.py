# Addition and subtraction on big operands and mixed big/small operands.
a = 2**100
b = 3**70
print(a + b)
print(a - b)
print(b - a)
print(a + 1, 1 + a)
print(a - 1, 1 - a)
print(a + -a)
print(-a - b)
print((a + 5) - a)
print(a + True)
