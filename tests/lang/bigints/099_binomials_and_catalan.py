# Exact binomial coefficients and Catalan numbers: big products and exact big divisions.
def binom(n, k):
    r = 1
    for i in range(1, k + 1):
        r = r * (n - k + i) // i
    return r

print(binom(100, 50))
print(binom(200, 100))
print(binom(64, 32), binom(68, 34))
row = [1]
for i in range(120):
    row = [1] + [row[j] + row[j + 1] for j in range(len(row) - 1)] + [1]
print(row[60] == binom(120, 60), sum(row) == 2**120)
print([binom(2 * n, n) // (n + 1) for n in range(30, 70, 10)])
