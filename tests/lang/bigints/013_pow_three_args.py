# pow(a, b, m): big exponents, big moduli, negative base, negative modulus.
print(pow(3, 10**20, 10**9 + 7))
print(pow(2, 2**70, 2**61 - 1))
print(pow(12345678901234567890, 98765432109876543210, 10**25 + 13))
print(pow(-7, 101, 2**80))
print(pow(-2**100, 3, 1000))
print(pow(5, 3, -13))
print(pow(2**100, 0, 7), pow(2**100, 5, 1))
print(pow(2, 10), pow(2, 100), pow(-3, 41))
