a = ['a', 'b', 'c', 'd']
print(a[-1], a[-2], a[-4])
a[-1] = 'D'
print(a)
t = (1, 2, 3)
print(t[-1], 'xyz'[-3])
print(a[len(a) - 1] == a[-1])
