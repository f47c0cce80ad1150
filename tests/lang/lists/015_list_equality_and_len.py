print([1, 2] == [1, 2])
print([1, 2] == [2, 1])
print([1, [2]] == [1, [2]])
print(len([1, [2, 3], []]))
a = []
for i in range(5):
    a.append(i * i)
print(a, len(a))
