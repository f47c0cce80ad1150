def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)

for i in [0, 1, 5, 10, 20]:
    print(i, fact(i))
