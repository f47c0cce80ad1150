def describe(x):
    t = type(x)
    if t == int:
        return 'int'
    if t == str:
        return 'str'
    if t == list or t == tuple:
        return 'sequence'
    return t.__name__

for v in [1, 'a', [1], (1,), {}, True, 2.0]:
    print(describe(v))
