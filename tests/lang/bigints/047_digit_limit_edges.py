# The 4300-digit limit: exactly 4300 digits pass; power-of-two bases have no limit.
import sys
print(sys.get_int_max_str_digits())
print(len(str(10**4299)), str(-(10**4299))[:3])
x = int('f' * 5000, 16)
print(x.bit_length(), len(hex(x)), len(bin(x)), len(oct(x)))
print(len(f'{x:x}'))
print(int('9' * 4300) + 1 == 10**4300)
sys.set_int_max_str_digits(5000)
print(sys.get_int_max_str_digits(), len(str(10**4999)))
