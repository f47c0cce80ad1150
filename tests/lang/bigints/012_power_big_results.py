# ** with int results beyond 64 bits, negative bases and a negative exponent.
print(2**64, 2**100)
print((-2)**63, (-2)**64, (-3)**41)
print(10**40)
print((2**32)**3)
print(7**77)
print(2**-1, 2**-70)
print(0**0, 1**(2**70), (-1)**(2**70 + 1))
