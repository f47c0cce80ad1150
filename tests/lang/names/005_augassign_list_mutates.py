lst = [1, 2, 3, 4]
alias = lst
before = id(lst)
lst += [5]
print(lst)
print(alias)
print(id(lst) == before)
lst += (6, 7)
print(alias)
lst += 'ab'
print(alias)
lst *= 2
print(len(alias), alias is lst)
