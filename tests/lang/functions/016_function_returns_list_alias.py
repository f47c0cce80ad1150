cache = [1, 2]

def get():
    return cache

got = get()
got.append(3)
print(cache)

def get_copy():
    return cache[:]

c = get_copy()
c.append(4)
print(cache, c)
