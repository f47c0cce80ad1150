print('never runs')
else:
    print('x')
