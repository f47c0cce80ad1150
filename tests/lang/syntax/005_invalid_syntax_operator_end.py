print('never runs')
y = 1 +
