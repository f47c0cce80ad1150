e = set()
d = {}
print(e, d)
print(type(e).__name__, type(d).__name__)
e.add(1)
print(e)
print(set() == set(), set() == {})
