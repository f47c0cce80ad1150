import gc
for i in range(50):
    a = [i]
    a.append(a)
    d = {'self': None}
    d['self'] = d
del a
del d
gc.collect()
survivor = [1]
survivor.append(survivor)
gc.collect()
print(survivor)
print('collected ok')
