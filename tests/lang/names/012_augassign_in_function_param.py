def extend_plus(lst):
    lst = lst + [99]
    return lst

def extend_inplace(lst):
    lst += [99]
    return lst

a = [1]
r = extend_plus(a)
print(a, r, r is a)
b = [1]
r = extend_inplace(b)
print(b, r, r is b)
