# sorted with keys that produce big ints, and sorting tuples holding big ints.
xs = [5, 3, 8, 1, 9, 2]
print(sorted(xs, key=lambda v: 3**(100 - v)))
print(sorted(xs, key=lambda v: -(2**64) * v))
pairs = [(2**64, 'b'), (2**64, 'a'), (-2**64, 'z'), (2**63, 'm')]
print(sorted(pairs))
print(sorted(pairs, key=lambda p: p[1]))
words = ['pear', 'fig', 'banana', 'kiwi']
print(sorted(words, key=lambda w: len(w) * 2**80 - ord(w[0])))
