def rsum(lst):
    if not lst:
        return 0
    return lst[0] + rsum(lst[1:])

def rrev(s):
    if len(s) <= 1:
        return s
    return rrev(s[1:]) + s[0]

print(rsum([1, 2, 3, 4]))
print(rrev('recursion'))
