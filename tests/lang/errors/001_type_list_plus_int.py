a = [1]
print('before', a)
b = a + 1
print('not reached')
