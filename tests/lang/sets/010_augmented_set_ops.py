a = {1, 2, 3}
alias = a
a |= {4}
print(alias)
a -= {1}
print(alias)
a &= {2, 3, 4, 5}
print(alias)
a ^= {3, 6}
print(alias, a is alias)
