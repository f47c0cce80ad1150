# sys.set_int_max_str_digits(0) lifts the limit: 2**100000 has 30103 digits.
import sys
sys.set_int_max_str_digits(0)
s = str(2**100000)
print(len(s))
print(s[:50])
print(s[-50:])
print(sum([int(c) for c in s]))
print(int(s) == 2**100000)
