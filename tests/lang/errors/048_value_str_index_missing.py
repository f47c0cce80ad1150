s = 'abc'
print(s.index('c'))
print(s.index('z'))
