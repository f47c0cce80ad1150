orig = [5, 3, 4]
alias = orig
alias.sort()
print(orig)
orig2 = [5, 3, 4]
alias2 = orig2
alias2 = sorted(alias2)
print(orig2, alias2)
