print(list(reversed([1, 2, 3])))
print(list(reversed('abc')))
print(list(reversed(range(1, 4))))
print(list(reversed(())))
a = [1, 2]
r = list(reversed(a))
r.append(0)
print(a, r)
print(''.join(reversed('stressed')))
