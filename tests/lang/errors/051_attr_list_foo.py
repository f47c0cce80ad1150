a = [1]
print(a)
a.foo()
