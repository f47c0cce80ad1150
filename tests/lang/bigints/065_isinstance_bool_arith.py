# Big ints are ints; bool arithmetic and truth values with big ints.
a = 2**100
print(isinstance(a, int), isinstance(-a, int), isinstance(a, float), isinstance(a, bool))
print(True + a, a - True, a * False, a * True == a)
print(True << 100, -True << 64, a & True, (a + 1) & True, a | True)
print(bool(a), bool(a - a), not a, bool(-a))
print(a and 'yes', (a - a) or 'zero', a or 0)
print(True == 1, a == True, a > True)
print(sum([True, True, a]))
