print('never runs')
s = 'abc
print(s)
