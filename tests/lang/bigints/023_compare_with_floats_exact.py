# int/float comparisons are exact: no rounding of the int to a float first.
x = 2**53 + 1
print(x == float(x), float(x))
print(x > float(x), x - 1 == float(x))
print(2**64 == 18446744073709551616.0, 2**64 + 1 == 18446744073709551616.0)
print(2**64 + 1 > 1.8446744073709552e19)
print(10**400 > 1e308, -10**400 < -1e308)
print(10**400 < float('inf'), -10**400 > float('-inf'))
print(10**400 == float('inf'), 2**100 == float('nan'), 2**100 < float('nan'))
print(2**1023 == 2.0**1023, 2**100 < 2.0**100 + 0.5)
print(1 < 2**100 + 0.0 < 2**101)
