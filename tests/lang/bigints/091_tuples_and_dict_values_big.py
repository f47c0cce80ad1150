# Big ints inside tuples and dict values: comparison, hashing as keys, sums.
t1 = (2**64, 1)
t2 = (2**64, 2)
print(t1 < t2, (2**64,) == (2**32 * 2**32,), t1 == (2**64, True))
d = {t1: 'x', (2**64 + 0, 1): 'y'}
print(d)
prices = {'a': 10**20, 'b': 2**70, 'c': -5}
print(sum(prices.values()), max(prices.values()), sorted(prices.items(), key=lambda kv: kv[1]))
print(hash((2**64, 1)) == hash((2**32 * 2**32, 1)))
