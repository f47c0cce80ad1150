x = 5
y = x
x += 1
print(x, y)
counts = [0, 0]
c = counts[0]
c += 1
print(counts, c)
counts[1] += 1
print(counts)
