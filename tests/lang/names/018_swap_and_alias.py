a = [1]
b = [2]
a, b = b, a
print(a, b)
c = a
a.append(3)
print(b, c)
