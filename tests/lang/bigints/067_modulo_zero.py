# Modulo of a big int by zero is ZeroDivisionError.
a = -3**90
print(a % 2**64)
print(a % 0)
print('not reached')
