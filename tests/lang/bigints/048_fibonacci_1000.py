# Fibonacci numbers up to F(1000) by iteration.
a, b = 0, 1
for i in range(1, 1001):
    a, b = b, a + b
    if i % 100 == 0 or i in (92, 93, 94):
        print(i, a)
print(len(str(a)))
