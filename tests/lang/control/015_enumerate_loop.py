for i, c in enumerate('abc'):
    print(i, c)
for i, c in enumerate(['x', 'y'], 1):
    print(i, c)
