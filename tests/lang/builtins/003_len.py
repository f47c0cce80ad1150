print(len([1, 2, 3]), len((1,)), len('four'), len({'a': 1}), len({1, 2}))
print(len(range(10)), len(''), len([[]]))
d = {'k': [1, 2, 3]}
print(len(d['k']))
print(len('é日😀'))
