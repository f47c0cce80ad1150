inner = [3, 1, 2]
outer = [inner]
outer[0].sort()
print(inner)
s = sorted(outer[0], reverse=True)
print(inner, s)
copied = sorted([inner, [0]])
print(copied[1] is inner)
