cfg = {'name': 'x', 'opts': {'v': 1}, 'list': [1]}
c = cfg.copy()
c['name'] = 'y'
c['opts']['v'] = 2
c['list'] = c['list'] + [2]
print(cfg)
print(c)
