tree = [1, [2, [3, [4]], 5], [6]]
def total(x):
    if type(x) == list:
        s = 0
        for item in x:
            s += total(item)
        return s
    return x
print(total(tree))
print(tree[1][1][1][0])
tree[1][1][1].append(10)
print(tree, total(tree))
