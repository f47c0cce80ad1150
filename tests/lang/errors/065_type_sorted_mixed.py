print(sorted([3, 1, 2]))
print(sorted([1, 'a', 2]))
