n = 12345
s = str(n)
print(s, len(s), int(s) == n)
digits = [int(c) for c in s]
print(digits, sum(digits))
print(int(str(-99)) - 1)
print(str(2 ** 62)[:5])
