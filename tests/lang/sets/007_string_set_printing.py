s = {'b', 'a'}
print(s)
t = {'x', 'y', 'z'}
print(t)
print(len({'a', 'a', 'b'}))
