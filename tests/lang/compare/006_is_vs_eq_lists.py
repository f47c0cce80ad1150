a = [1, 2, 3]
b = [1, 2, 3]
c = a
print(a == b)
print(a is b)
print(a is c)
print(a is not b)
print(c == b)
b.append(4)
print(a == b, a is c)
print([] is [])
