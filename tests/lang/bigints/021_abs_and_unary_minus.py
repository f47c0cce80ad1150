# abs, unary minus and unary plus on big ints of both signs.
a = 7**40
print(abs(a), abs(-a))
print(-a, - -a, +a, +-a)
print(abs(-2**63), abs(-2**64))
print(-(2**64) == -2**64, abs(-a) == a)
print(abs(2**100 - 2**100))
