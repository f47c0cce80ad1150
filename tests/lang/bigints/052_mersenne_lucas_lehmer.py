# Mersenne numbers 2**p - 1 and the Lucas-Lehmer primality test on them.
def lucas_lehmer(p):
    m = 2**p - 1
    s = 4
    for i in range(p - 2):
        s = (s * s - 2) % m
    return s == 0

found = []
for p in [3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 89, 107, 127]:
    if lucas_lehmer(p):
        found.append(p)
print(found)
print(2**127 - 1)
print(2**89 - 1, (2**67 - 1) % 193707721)
