s = {1, 2, 3}
s.clear()
print(s, len(s))
print(bool(s))
s.add(5)
print(bool(s), s)
