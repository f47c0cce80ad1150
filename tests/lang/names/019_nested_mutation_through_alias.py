matrix = [[1, 2], [3, 4]]
first = matrix[0]
matrix[0][0] = 'x'
print(first)
matrix[0] = ['new']
print(first, matrix)
first.append('still here')
print(matrix)
