# Powers of 3 across the 64-bit edge (3**40 is the first past 2**63) and beyond.
p = 1
for k in range(0, 101):
    if k in (39, 40, 41) or k % 20 == 0:
        print(k, p, p > 2**63 - 1)
    p *= 3
print(p == 3**101, 3**200 // 3**199)
