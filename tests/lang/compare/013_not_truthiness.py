for v in [0, 1, -1, 0.0, 0.5, '', 'a', [], [0], (), (0,), {}, {'a': 0}, set(), None, True, False]:
    print(repr(v), not v, bool(v))
