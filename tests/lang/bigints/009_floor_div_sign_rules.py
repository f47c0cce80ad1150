# Floor division rounds toward minus infinity for every sign combination.
a = 10**30 + 7
b = 2**64
print(a // b, -a // b, a // -b, -a // -b)
print(a // 3, -a // 3, a // -3, -a // -3)
print(7 // b, -7 // b, 7 // -b, -7 // -b)
print(b // b, (b * b) // b)
print(-2**63 // -1)
print((2**200 + 1) // (2**100))
