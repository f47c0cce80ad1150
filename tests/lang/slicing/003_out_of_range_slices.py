a = [1, 2, 3]
print(a[1:100])
print(a[-100:2])
print(a[5:])
print(a[-100:100])
print(a[3:3])
print('abc'[10:], 'abc'[-10:1])
