total = 0
for x in [1, 2, 0, 4]:
    print(total)
    total += 10 // x
