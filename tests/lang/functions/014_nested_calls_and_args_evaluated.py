def show(tag, v):
    print('eval', tag)
    return v

def three(a, b, c):
    return a + b + c

print(three(show('a', 1), show('b', 2), show('c', 3)))
