d = {}
r = d.setdefault('k', [])
r.append(1)
d.setdefault('k', []).append(2)
print(d)
print(d.setdefault('n', 5), d.setdefault('n', 6))
print(d)
groups = {}
for w in ['apple', 'avocado', 'banana', 'blueberry', 'cherry']:
    groups.setdefault(w[0], []).append(w)
print(groups)
