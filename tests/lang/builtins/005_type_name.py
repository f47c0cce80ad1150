for v in [1, 1.5, 'a', [1], (1,), {1: 2}, {1}, None, False]:
    print(type(v).__name__)
print(type(type(1)).__name__)
print(type([]) == list, type(()) == list)
print(type(1) == type(2), type(1) == type(1.0))
