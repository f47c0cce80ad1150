s = 'hello'
t = s.upper()
print(s, t)
u = s.replace('l', 'L')
print(s, u)
s2 = s
s = s + '!'
print(s, s2)
