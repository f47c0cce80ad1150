for n in range(4):
    print(n, 'even' if n % 2 == 0 else 'odd')
x = 5
print('big' if x > 10 else 'medium' if x > 3 else 'small')
y = [] if x else [1]
print(y)
print((1 if True else 2) + 10)
