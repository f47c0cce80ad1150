d = {}
for k in ['zeta', 'alpha', 'mid', 'beta']:
    d[k] = len(k)
for k in d:
    print(k, d[k])
d['alpha'] = 0
print(list(d))
del d['zeta']
d['zeta'] = 9
print(list(d))
for k, v in d.items():
    print(k, '=', v)
