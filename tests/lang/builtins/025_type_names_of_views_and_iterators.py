# Dict views and iterators are several types in CPython, each with its own name.
d = {"a": 1}
print(type(d.keys()), type(d.values()), type(d.items()))
print(type(iter([1])), type(iter((1,))), type(iter("a")), type(iter("é")))
print(type(iter(d)), type(iter(d.values())), type(iter(d.items())))
print(type(iter({1})), type(iter(range(2))), type(reversed([1])), type(reversed((1,))))
print(type(enumerate([])), type(zip()))
print(type(d.keys()).__name__, type(iter([])).__name__)
print(type(d.keys()) == type(d.values()), type(d.keys()) == type({}.keys()))
print(type(d.keys()) is type({1: 2}.keys()))
print(isinstance(d.keys(), type(d.values())), isinstance(d.keys(), type({}.keys())))
print(isinstance(iter([]), type(iter(()))), isinstance(iter([]), type(iter([2]))))
print({type(d.keys()): 1, type(d.values()): 2})
