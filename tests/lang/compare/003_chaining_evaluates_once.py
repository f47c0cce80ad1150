def mid():
    print('mid called')
    return 5

print(1 < mid() < 10)
print(10 < mid() < 20)
print(1 < 2 > mid())
