a = [3, 1, 2]
result = a.sort()
print(result)
print(a)
b = [3, 1, 2]
c = sorted(b)
print(b, c)
print(c is b)
