def replace(lst):
    lst = [0, 0, 0]
    print('inside', lst)

data = [1, 2]
replace(data)
print('outside', data)

def bump(n):
    n = n + 1
    return n

k = 10
print(bump(k), k)
