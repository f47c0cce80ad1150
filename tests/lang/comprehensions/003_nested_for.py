print([(i, j) for i in range(3) for j in range(i)])
print([c + d for c in 'ab' for d in 'xy'])
matrix = [[1, 2, 3], [4, 5, 6]]
print([x for row in matrix for x in row])
print([[row[i] for row in matrix] for i in range(3)])
