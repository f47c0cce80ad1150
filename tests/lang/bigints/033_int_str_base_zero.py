# int(str, 0) reads the base from the prefix, as a literal would.
print(int('0x1_0000_0000_0000_0000', 0))
print(int('0o2000000000000000000000', 0))
print(int('0b1' + '0' * 64, 0))
print(int('-0XFFFFFFFFFFFFFFFFFFFF', 0))
print(int('123456789012345678901234567890', 0))
print(int('0x' + 'f' * 40, 16), int('0b' + '1' * 65, 2), int('0o' + '7' * 22, 8))
