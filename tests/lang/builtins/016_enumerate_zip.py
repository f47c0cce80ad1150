print(list(enumerate(['a', 'b', 'c'])))
print(list(enumerate('xy', 10)))
print(list(zip([1, 2, 3], 'abc')))
print(list(zip([1, 2, 3], [4, 5])))
print(list(zip()))
print(list(zip('ab', 'cd', 'ef')))
names = ['ann', 'bob']
ages = [30, 25]
for n, a in zip(names, ages):
    print(n, a)
