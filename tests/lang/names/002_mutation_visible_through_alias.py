a = [1, 2]
b = a
b.append(3)
print(a)
print(b)
print(a is b)
b[0] = 'changed'
print(a)
