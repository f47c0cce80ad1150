import copy
src = {(1, 2): [3], 'k': {'nested': [4, 5]}}
dst = copy.deepcopy(src)
dst['k']['nested'].append(6)
dst[(1, 2)].append(0)
print(src)
print(dst)
print(list(dst) == list(src))
