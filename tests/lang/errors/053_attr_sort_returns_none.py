a = [3, 1, 2]
b = a.sort()
print(a, b)
b.append(4)
