print('unpack')
a, b = 5
