# Adding, subtracting and multiplying step by step across 2**62, 2**63 and 2**64
# (and their negatives): values and types stay those of one int type.
x = 2**62 - 2
for i in range(4):
    x += 1
    print(x, type(x))
x = 2**63 - 2
for i in range(4):
    x += 1
    print(x)
x = 2**64 + 1
for i in range(3):
    x -= 1
    print(x)
x = -2**62 + 1
for i in range(3):
    x -= 1
    print(x)
x = -2**63 + 1
for i in range(3):
    x -= 1
    print(x)
y = 3037000499
print(y * y, (y + 1) * (y + 1), (y + 1) * (y + 1) - y * y)
print(2**31 * 2**31, 2**31 * 2**32, -2**31 * 2**32, -2**32 * 2**32)
