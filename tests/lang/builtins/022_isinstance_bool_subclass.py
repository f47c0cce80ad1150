vals = [0, True, 1.0, 'x', None, [], ()]
for v in vals:
    print(repr(v), isinstance(v, int), isinstance(v, (list, tuple)), type(v) == int)
