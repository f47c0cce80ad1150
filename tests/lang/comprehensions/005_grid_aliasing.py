fresh = [[0] * 2 for _ in range(3)]
shared = [[0] * 2] * 3
fresh[1][1] = 'x'
shared[1][1] = 'x'
print(fresh)
print(shared)
print(len(set([id(r) for r in fresh])), len(set([id(r) for r in shared])))
