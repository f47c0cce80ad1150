# Textbook RSA with pow(): p=61, q=53, e=17; then with two Mersenne primes.
p, q, e = 61, 53, 17
n, phi = p * q, (p - 1) * (q - 1)
d = pow(e, -1, phi)
c = pow(65, e, n)
print(n, d, c, pow(c, d, n))
p, q, e = 2**89 - 1, 2**107 - 1, 65537
n, phi = p * q, (p - 1) * (q - 1)
d = pow(e, -1, phi)
m = 123456789012345678901234567890
c = pow(m, e, n)
print(n)
print(d)
print(c)
print(pow(c, d, n) == m, e * d % phi)
