# 2**64 written as a power, a literal, a shift, a hex literal and a product is one key.
d = {2**64: 1, 18446744073709551616: 2, 1 << 64: 3, 0x10000000000000000: 4, 2**32 * 2**32: 5}
print(d, len(d))
d2 = {}
for k in [2**64, int('18446744073709551616'), (2**65) // 2, 2**64 + 0, -(-2**64)]:
    d2[k] = d2.get(k, 0) + 1
print(d2)
e = {18446744073709551616.0: 'float first', 2**64: 'int second'}
print(e)
