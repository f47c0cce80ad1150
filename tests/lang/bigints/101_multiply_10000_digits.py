# The product of two numbers of about 10,000 digits (issue 14's benchmark size).
import sys
sys.set_int_max_str_digits(0)
a = 3**20959
b = 7**11833 + 1
p = a * b
s = str(p)
print(len(str(a)), len(str(b)), len(s))
print(s[:50])
print(s[-50:])
print(p % (2**61 - 1), p // a == b, p % a)
