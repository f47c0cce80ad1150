# True division of a big int by zero is ZeroDivisionError.
a = 2**200
print(a / 2**199)
print(a / 0)
print('not reached')
