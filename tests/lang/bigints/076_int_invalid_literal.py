# int() of a string that is not a number is ValueError, however long its digits run.
print(int('123456789012345678901234567890'))
print(int('12345678901234567890123456789x'))
print('not reached')
