# round() of big ints: identity without ndigits, exact half-to-even with negative ndigits.
a = 123456789012345678901234567890
print(round(a), round(a, 2))
print(round(a, -5), round(a, -10), round(a, -29), round(a, -30), round(a, -31))
print(round(25 * 10**20, -21), round(35 * 10**20, -21), round(-25 * 10**20, -21))
print(round(2**100, -20), round(-(2**100), -20))
print(round(1e20), round(1.5e30), round(2.5))
print(type(round(a, -5)))
