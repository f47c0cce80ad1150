# Carries and borrows that run through many words: all-ones numbers and their neighbours.
a = 2**1000 - 1
print(a + 1 == 2**1000, (a + 1) - 1 == a, a - a == 0)
print(f'{a + 2:x}')
print(f'{2**640 - 2**320:x}')
print((2**640 - 1) * (2**640 + 1) == 2**1280 - 1)
print((2**64 - 1) * (2**64 - 1), (2**128 - 1) * (2**128 - 1))
print(-(2**192) + 1, 2**192 - 2**64 - 1)
print(10**60 - 1 + 1, 10**60 - (10**60 - 1))
