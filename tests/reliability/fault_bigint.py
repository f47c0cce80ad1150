# A big-int workload for the fault-injection sweep: every int operation on operands past
# int64, some large enough (over 40 limbs) that their scratch limbs come from the heap, so
# failing each allocation in turn reaches the scratch, the result and the conversions.
import sys

a = 3 ** 2000
b = 7 ** 900 + 1
c = a * b
q, r = divmod(c, b - 2)
s = str(a)
t = int(s)
h = hex(b)
u = int(h, 16)
assert t == a and u == b and q * (b - 2) + r == c
print(len(s), s[:20], h[-8:])
print(a.bit_length(), (a >> 1000) & 0xFFFF, (-a) >> 3000, ~b % 1000, a ^ -b < 0, a | 1 == a)
print(pow(3, 10 ** 40, 2 ** 521 - 1) % 10 ** 9, pow(a, -1, 2 ** 127 - 1) % 1000)
print(c // a == b, (-c) % b % 1000, b / a, float(2 ** 1000), 2 ** 1000 / 3 ** 300)
seen = {2 ** 64 + i for i in range(5)}
table = {2 ** 100: "p", -(2 ** 70): "n"}
print(sorted(seen)[0], table[2 ** 100], hash(2 ** 100), 2 ** 64 + 1 in seen)
print(list(range(2 ** 64, 2 ** 64 + 3)), list(enumerate("ab", 2 ** 65)))
print(f"{a % 10 ** 30:,}", f"{-b % 2 ** 80:x}", "%d" % (2 ** 70))
print(sum([2 ** 63] * 4), max(2 ** 65, 1.5), min(-2 ** 65, 0), abs(-a) == a)
sys.set_int_max_str_digits(0)
print(len(str(10 ** 5000)))
