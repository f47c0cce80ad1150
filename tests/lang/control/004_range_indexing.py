r = range(10, 20, 3)
print(r[0], r[-1], len(r))
print(list(r))
total = 0
for i in range(1, 101):
    total += i
print(total)
