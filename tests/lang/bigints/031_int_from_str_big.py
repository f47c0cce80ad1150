# int(str) parses decimal strings beyond 64 bits: sign, spaces, underscores, zeros.
print(int('18446744073709551616'))
print(int('-123456789012345678901234567890'))
print(int('  +99999999999999999999999  '))
print(int('1_000_000_000_000_000_000_000'))
print(int('000000000000000000000000000042'))
print(int('9223372036854775808') == 2**63)
print(int('-9223372036854775809') + 1 == -2**63)
