a = [1, 2, 3]
b = a
assert a is b
assert a == [1, 2, 3], 'equal'
print('identity and equality asserts passed')
c = a[:]
assert c == a and c is not a
assert len(c) == 3
assert not []
print('copy asserts passed')
total = 0
for x in a:
    assert x > 0, 'positive'
    total += x
print(total)
