# int() of big floats gives the float's exact value as an int.
print(int(1e300))
print(int(-1.5e20))
print(int(2.0**100), int(2.0**100) == 2**100)
print(int(1e19), int(9.223372036854776e18))
print(int(1.7976931348623157e308))
print(int(1e22) == 10**22, int(1e23) == 10**23)
print(int(-2.0**63), int(2.0**64))
