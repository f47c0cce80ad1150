# Loops in a function (local variables): nested loops, comparisons, arithmetic, list indexing.
def work(n):
    xs = list(range(100))
    total = 0
    for i in range(n):
        j = i % 100
        if xs[j] > 50:
            total += xs[j] * 2
        else:
            total -= 1
    return total


print(work(5_000_000))
