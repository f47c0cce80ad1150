print(dict())
print(dict([('a', 1), ('b', 2)]))
print(dict(zip(['x', 'y'], [1, 2])))
src = {'k': [1]}
cp = dict(src)
print(cp == src, cp is src, cp['k'] is src['k'])
print(dict([(1, 'a'), (1, 'b')]))
