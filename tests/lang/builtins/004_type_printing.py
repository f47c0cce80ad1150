for v in [1, 1.5, 'a', [1], (1,), {1: 2}, {1}, None, True, range(3)]:
    print(type(v))
def f():
    pass
print(type(f))
