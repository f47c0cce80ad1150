def triple(a, b, c):
    return a

print('calling')
triple(1)
