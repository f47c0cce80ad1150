a = [1, 2, 3]
print(a.index(3))
print(a.index(5))
