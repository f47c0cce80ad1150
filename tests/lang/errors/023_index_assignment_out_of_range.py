a = [0, 0]
a[1] = 1
print(a)
a[2] = 2
