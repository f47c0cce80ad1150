values = [1, 2, 3]
assert len(values) == 3, 'three values'
print('ok so far')
assert sum(values) == 7, 'sum should be 7'
