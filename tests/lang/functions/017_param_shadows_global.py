n = 100

def f(n):
    n = n + 1
    return n

print(f(1), n)

def g():
    return n * 2

print(g())
n = 5
print(g())
