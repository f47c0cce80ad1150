# A string hash mixing loop without masking grows beyond 64 bits.
s = 'the quick brown fox jumps over the lazy dog'
h = 0
for c in s:
    h = h * 31 + ord(c)
print(h)
print(h % 2**64, h % 2**32)
h2 = 5381
for c in s * 3:
    h2 = (h2 << 5) + h2 + ord(c)
print(h2)
print(h2 & (2**64 - 1), h2 >> 600)
