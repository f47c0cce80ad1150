a, b = 1, 2
print(a, b)
x, y, z = [10, 20, 30]
print(x, y, z)
p, q = 'hi'
print(p, q)
(m, n) = (3, 4)
print(m + n)
[r, s] = (5, 6)
print(r * s)
