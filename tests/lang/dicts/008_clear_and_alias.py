d = {'a': 1}
alias = d
d.clear()
print(d, alias)
e = {'a': 1}
alias2 = e
e = {}
print(e, alias2)
