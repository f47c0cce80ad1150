d = {'a': 1, 'b': 2, 'c': 3}
print([k for k in d])
print([v * 10 for v in d.values()])
print([k + str(v) for k, v in d.items() if v != 2])
print(dict([(v, k) for k, v in d.items()]))
