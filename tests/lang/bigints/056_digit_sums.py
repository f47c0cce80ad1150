# Digit sums of big numbers: 2**1000, 100!, and the digital root of 3**500.
def digit_sum(n):
    total = 0
    while n:
        n, d = divmod(n, 10)
        total += d
    return total

f = 1
for i in range(1, 101):
    f *= i
print(digit_sum(2**1000), digit_sum(f))
print(sum([int(c) for c in str(2**1000)]))
n = 3**500
while n >= 10:
    n = digit_sum(n)
print(n)
