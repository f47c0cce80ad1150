# len() of a range longer than sys.maxsize is OverflowError.
print(len(range(2**62)))
print(len(range(2**70)))
print('not reached')
