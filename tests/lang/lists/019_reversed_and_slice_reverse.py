a = [1, 2, 3]
r = list(reversed(a))
print(r, a)
print(a[::-1])
a.reverse()
print(a)
print(list(reversed('abc')))
print(list(reversed((1, 2))))
print(list(reversed(range(3))))
