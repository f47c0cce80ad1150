a = [1, 2]
alias = a
a = a + [3]
print(a, alias, a is alias)
b = [1, 2]
alias2 = b
b += [3]
print(b, alias2, b is alias2)
