# CPython 3.11 refuses str() of an int of more than 4300 digits (ValueError),
# while arithmetic on it works.
x = 2**100000
print(x % 10**20)
print(x // 2**99990)
print(str(x))
print('not reached')
