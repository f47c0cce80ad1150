nums = range(20)
print([n for n in nums if n % 3 == 0])
print([w.upper() for w in ['a', 'bb', 'ccc'] if len(w) > 1])
print([x for x in [0, 1, '', 'a', None, []] if x])
