s = 'hi'
print(f'{s!r}')
print(f'{s}')
print(f'{[s]!r}')
q = "it's"
print(f'{q!r} {q}')
print(f'{"say" + "!"!r}')
n = 5
print(f'{n!r} {1.0!r} {None!r}')
