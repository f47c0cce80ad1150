d = {'b': 2, 'a': 1}
for k in d:
    print(k)
for ch in 'hey':
    print(ch)
for v in d.values():
    print(v)
