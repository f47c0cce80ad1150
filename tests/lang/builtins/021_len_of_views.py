d = {'a': 1, 'b': 2, 'c': 3}
print(len(d.keys()), len(d.values()), len(d.items()))
print(sorted(d.values(), reverse=True))
print(list(zip(d.keys(), d.values())))
