for a, b in [(7, 2), (-7, 2), (7.0, 2), (9, 3)]:
    print(a, b, a / b, a // b, a % b)
