grid = [[1, 2], [3, 4]]
top = grid[:1]
top[0][0] = 'changed'
print(grid)
top[0] = ['replaced']
print(grid, top)
