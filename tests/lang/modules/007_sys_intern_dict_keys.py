import sys
parts = ['ke', 'y']
k1 = sys.intern(''.join(parts))
d = {k1: 1}
k2 = sys.intern('k' + ''.join(['e', 'y']))
print(k1 is k2, d[k2])
