rows = [('apple', 1.5), ('kiwi', 0.25), ('melon', 12.0)]
for name, price in rows:
    print(f'{name:<8}|{price:>7.2f}')
