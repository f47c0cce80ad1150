# Integer square root by Newton's method on big ints: digits of sqrt(2).
def isqrt(n):
    if n < 2:
        return n
    x = 1 << (len(str(n)) * 7 // 4)
    while True:
        y = (x + n // x) // 2
        if y >= x:
            return x
        x = y

r = isqrt(2 * 10**200)
print(r)
print(r * r <= 2 * 10**200 < (r + 1) * (r + 1))
print(isqrt(2**128), isqrt(2**128 - 1), isqrt(10**40))
print(isqrt((3**70)**2) == 3**70, isqrt((3**70)**2 - 1) == 3**70 - 1)
