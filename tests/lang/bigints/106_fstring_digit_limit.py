# The 4300-digit limit applies to f-strings too; hex formatting is exempt.
x = 10**4300
print(len(f'{x:x}'), len(f'{x - 1:,}'))
print(f'{x}')
print('not reached')
