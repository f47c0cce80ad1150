# Collatz sequences starting from big numbers: step counts and peaks.
def collatz(n):
    steps = 0
    peak = n
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        if n > peak:
            peak = n
        steps += 1
    return steps, peak

for start in [2**100 + 1, 3**50, 10**20 + 7, 2**64 - 1]:
    print(start, collatz(start))
