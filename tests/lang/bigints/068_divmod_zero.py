# divmod of a big int by zero is ZeroDivisionError.
a = 10**40
print(divmod(a, 10**39 + 1))
print(divmod(a, 0))
print('not reached')
