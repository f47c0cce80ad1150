# pow(a, -1, m) when gcd(a, m) != 1 is ValueError.
print(pow(2, -1, 7), pow(3, -1, 2**64))
print(pow(2**100, -1, 2**64))
print('not reached')
