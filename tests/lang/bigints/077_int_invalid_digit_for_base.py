# A digit out of range for the base is ValueError, naming the base.
print(int('z' * 30, 36))
print(int('1' * 30 + '8', 8))
print('not reached')
