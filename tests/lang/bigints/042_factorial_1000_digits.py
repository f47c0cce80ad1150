# factorial(1000) by a loop: digit count, first and last 50 digits, trailing zeros.
f = 1
for i in range(2, 1001):
    f *= i
s = str(f)
print(len(s))
print(s[:50])
print(s[-50:])
print(s.rstrip('0')[-50:])
print(len(s) - len(s.rstrip('0')))
print(f % (10**9 + 7))
