# pow(a, -1, m) is the modular inverse when it exists (Python 3.8+).
print(pow(2, -1, 7))
print(pow(3, -1, 2**61 - 1))
p = 2**127 - 1
x = pow(10**30, -1, p)
print(x)
print(x * 10**30 % p)
print(pow(-5, -1, 2**64 + 1))
print(pow(7, -3, 2**89 - 1))
