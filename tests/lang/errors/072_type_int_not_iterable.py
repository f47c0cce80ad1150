print(list('ab'))
for x in 5:
    print(x)
