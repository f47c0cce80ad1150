print(list(range(3)))
print(range(1.5))
