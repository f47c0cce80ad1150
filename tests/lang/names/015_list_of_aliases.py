row = [0, 0]
grid = [row, row, row]
grid[0][1] = 5
print(grid)
print(grid[1] is grid[2])
grid[2] = [7, 7]
grid[0][0] = 1
print(grid)
