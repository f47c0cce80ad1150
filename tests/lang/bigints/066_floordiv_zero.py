# Floor division of a big int by zero is ZeroDivisionError.
a = 2**100
print(a // 1, a // -a)
print(a // 0)
print('not reached')
