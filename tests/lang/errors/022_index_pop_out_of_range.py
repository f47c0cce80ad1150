a = [1, 2]
print(a.pop(1))
a.pop(5)
