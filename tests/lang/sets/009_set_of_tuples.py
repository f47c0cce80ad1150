seen = set()
for p in [(0, 1), (1, 0), (0, 1)]:
    seen.add(p)
print(len(seen))
print((0, 1) in seen, (1, 1) in seen)
print(sorted(seen))
