d = {'x': 1, 'y': [2], 'z': (3,)}
print(d.keys())
print(d.values())
print(d.items())
print(list(d.keys()))
print(list(d.items()))
print({}.keys(), {}.values(), {}.items())
print(len(d.keys()))
