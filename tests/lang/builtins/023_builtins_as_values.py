conv = [int, float, str]
print([f('7') for f in conv])
print(sorted(['b', 'A', 'c'], key=lambda s: s.lower()))
fn = len
print(fn('four'))
print(sorted([-3, 2, -1], key=abs))
print(int is int, fn is len)
