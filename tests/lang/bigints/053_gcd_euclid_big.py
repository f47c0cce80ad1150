# Euclid's algorithm on big ints: gcd(F(300), F(200)) is F(100).
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a

def fib(n):
    a, b = 0, 1
    for i in range(n):
        a, b = b, a + b
    return a

print(gcd(fib(300), fib(200)), fib(100))
print(gcd(2**200, 6**80), 2**80)
print(gcd(10**40 + 1, 10**20 + 1))
x = 3**100 * 7**20
y = 3**60 * 5**30
print(gcd(x, y) == 3**60, gcd(-x, y))
