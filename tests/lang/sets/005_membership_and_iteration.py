s = {4, 2, 6}
print(2 in s, 3 in s)
total = 0
for x in s:
    total += x
print(total)
print(sorted(s, reverse=True))
print(max(s), min(s), sum(s))
