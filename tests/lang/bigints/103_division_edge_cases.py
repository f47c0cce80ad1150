# Long division edge cases: divisors with full top words, quotient digits that a
# first estimate gets wrong; q * d + r == n and 0 <= r < d each time.
cases = [
    (2**128 - 1, 2**64 - 1),
    (2**192, 2**128 - 1),
    (2**128, 2**64 + 1),
    (0x7fff800000000000 * 2**128 + 5, 0x8000000000000001 * 2**64 + 3),
    (0x8000000000000000 * 2**192, 0x8000000000000000 * 2**64 + 1),
    (2**256 - 1, 2**128 + 2**64 - 1),
    (2**200 - 2**100, 2**100 - 1),
    ((2**64 - 1) * 2**128 + (2**64 - 2) * 2**64, 2**128 - 1),
    (3**200, 3**100 + 1),
]
for n, d in cases:
    q, r = divmod(n, d)
    print(q, r, q * d + r == n, 0 <= r < d)
