for v in [0, 1, '', 'x', [], [0], {}, None, 0.0]:
    if v:
        print(repr(v), 'truthy')
    else:
        print(repr(v), 'falsy')
