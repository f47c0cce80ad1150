for v in ['text', 12, 1.25, None, [1, 'a'], ('t',), {'k': 'v'}]:
    print(repr(v), str(v))
print(repr(repr('x')))
print(len(repr('ab')), len(str('ab')))
