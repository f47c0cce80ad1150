d = {'nums': [1, 2], 'n': 1}
c = d.copy()
c['n'] = 99
c['nums'].append(3)
print(d)
print(c)
print(c is d, c['nums'] is d['nums'])
