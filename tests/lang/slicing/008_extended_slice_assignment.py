a = list(range(8))
a[::2] = ['e', 'e', 'e', 'e']
print(a)
a[1::2] = [None] * 4
print(a)
b = [1, 2, 3]
b[::-1] = [7, 8, 9]
print(b)
