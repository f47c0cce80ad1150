a = [10, 20, 30, 40, 50]
print(a.pop())
print(a)
print(a.pop(0))
print(a)
print(a.pop(-2))
print(a)
print(a.pop(1))
print(a)
