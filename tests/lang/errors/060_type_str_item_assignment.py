s = 'hello'
print(s)
s[0] = 'H'
