# Arithmetic mixing big ints and floats converts the int to a float.
a = 2**100
print(a + 0.5, a * 1.5, a - 1.0)
print(a / 2.0, a // 3.0, a % 7.0)
print(0.5 * 10**30, 10**30 - 1e30)
print(2**53 + 1 + 0.0)
print(a ** 0.5, 2.0 ** 100 == a)
print(divmod(10**20, 3.0))
