# int() of a decimal string of more than 4300 digits is ValueError in CPython 3.11.
print(int('1' * 4300) % 1000)
print(int('1' * 5000))
print('not reached')
