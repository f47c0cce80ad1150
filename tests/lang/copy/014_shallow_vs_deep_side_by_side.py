import copy
grid = [[0, 0], [0, 0]]
alias = grid
shallow = copy.copy(grid)
deep = copy.deepcopy(grid)
grid[0][0] = 1
grid.append(['new'])
print('alias  ', alias)
print('shallow', shallow)
print('deep   ', deep)
