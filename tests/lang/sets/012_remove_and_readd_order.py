s = {1, 2, 3, 4, 5}
s.remove(3)
print(s)
s.add(3)
print(s)
s.add(0)
print(s)
