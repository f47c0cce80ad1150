result = []
for i in range(4):
    for j in range(4):
        if (i + j) % 2:
            continue
        result.append((i, j))
print(result)
print(len(result))
