raw = '  Alice, BOB ,carol  '
names = [n.strip().lower() for n in raw.split(',')]
print(names)
print(' | '.join(names).replace('o', '0'))
print(raw.strip().split(', ')[0].upper())
