# divmod of big and small operands with every sign; q * d + r == n always.
n = 3**100
d = 2**70
for a, b in [(n, d), (-n, d), (n, -d), (-n, -d), (n, 7), (-n, 7), (5, d), (-5, d)]:
    q, r = divmod(a, b)
    print(q, r, q * b + r == a)
