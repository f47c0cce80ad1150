def make():
    lst = []
    lst.append(len(lst))
    return lst

a = make()
b = make()
print(a, b, a is b)
a.append('x')
print(make())
