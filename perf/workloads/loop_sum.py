# A loop at module level: for over a range, an augmented assignment per step.
s = 0
for i in range(10_000_000):
    s += i
print(s)
