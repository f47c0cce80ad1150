a = [1, 2, 3]
alias = a
a[:] = [9]
print(alias, a is alias)
b = [1, 2, 3]
alias_b = b
b = [9]
print(alias_b)
