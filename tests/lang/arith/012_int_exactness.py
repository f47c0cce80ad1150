n = 1
for i in range(1, 21):
    n = n * i
print(n)
print(n // 10 ** 10)
print(n % 1000003)
print(2 ** 53 + 1)
print(float(2 ** 53 + 1))
print(10 ** 15 + 1)
