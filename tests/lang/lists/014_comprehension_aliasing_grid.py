good = [[0] * 3 for _ in range(3)]
bad = [[0] * 3] * 3
good[0][0] = 1
bad[0][0] = 1
print(good)
print(bad)
print(good[0] is good[1], bad[0] is bad[1])
