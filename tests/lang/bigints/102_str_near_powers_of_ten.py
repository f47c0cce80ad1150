# str() and int() round trips at powers of ten, where decimal conversion in chunks
# of 19 digits has its edges.
for k in [18, 19, 20, 37, 38, 39, 57, 76, 95, 100]:
    p = 10**k
    print(k, p - 1, p, p + 1, -p)
for x in [10**19 * 10**19 + 10**19, 10**40 + 10**20 + 1, 10**57 + 1]:
    print(x, int(str(x)) == x)
