print('start')
s = set()
s.add({'a': 1})
