a = [1, 'two', (3,)]
b = {'k': [None]}
print(f'{a} and {b}')
a.append(a)
print(f'{a}')
print(f'{set()} {()}')
