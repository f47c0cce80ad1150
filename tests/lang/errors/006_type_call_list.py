items = [1, 2]
print(items)
items(0)
