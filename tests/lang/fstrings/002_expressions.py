items = ['a', 'b', 'c']
d = {'k': 'v'}
print(f'{len(items)} items, first {items[0]}, last {items[-1]}')
print(f'{d["k"]} {d}')
print(f'{"yes" if items else "no"}')
print(f'{items[1:]}')
print(f"{'x' * 3}")
