s = {3, 1, 2, 3, 1}
print(s)
print(len(s))
print({1, 1.0, True})
print({0, 0.0, False})
print({5})
print(sorted({'b', 'a', 'c', 'a'}))
