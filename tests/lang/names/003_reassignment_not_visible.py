a = [1, 2]
b = a
b = [9, 9]
print(a)
print(b)
print(a is b)
