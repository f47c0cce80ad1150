import sys
a = ''.join(['hel', 'lo', ' world'])
b = ''.join(['hello', ' ', 'world'])
print(a == b)
ia = sys.intern(a)
ib = sys.intern(b)
print(ia is ib)
print(ia == a, sys.intern(ia) is ia)
