a = [1, 2, 3]
r = a.reverse()
print(a, r)
b = a.copy()
b.append(0)
print(a, b)
alias = a
a.clear()
print(a, alias, b)
