nums = [3, 1, 3, 2, 1, 3]
u = set(nums)
print(u)
print(len(u))
print(sorted(u))
print(set('banana') == {'a', 'b', 'n'})
print(sorted(set('banana')))
