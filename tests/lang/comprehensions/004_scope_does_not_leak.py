x = 'outer'
squares = [x * 2 for x in range(3)]
print(squares)
print(x)
n = 10
print([n + i for i in range(3)])
