# pow(a, b, 0) is ValueError, also for big a and b.
print(pow(2**100, 2**70, 2**80 + 1))
print(pow(2**100, 5, 0))
print('not reached')
