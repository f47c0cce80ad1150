a = [1]
a.append(2)
a.append([3, 4])
print(a)
b = [1]
b.extend([2, 3])
b.extend((4,))
b.extend('xy')
b.extend([])
print(b)
print(len(a), len(b))
r = a.append(5)
print(r)
