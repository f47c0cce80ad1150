a = list(range(20))
print(a[2:18][::3])
print(a[::-1][:3])
print(a[5:][5:][5:])
s = 'abcdefgh'
print(s[1:7][::-2])
