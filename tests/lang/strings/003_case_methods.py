s = 'Hello World 42'
print(s.upper())
print(s.lower())
print(s)
print('ÉCOLE'.lower(), 'ñandú'.upper())
