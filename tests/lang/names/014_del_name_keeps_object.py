a = [1, 2]
b = a
del a
print(b)
a = 'rebound'
print(a, b)
