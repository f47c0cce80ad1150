x = 1
print(x)
x = 'now a string'
print(x)
x = [x]
print(x)
y = x
x = 0
print(x, y)
