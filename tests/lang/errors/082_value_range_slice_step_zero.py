# A range slice with step 0: ValueError, as for a list.
r = range(2**70)
print(r[::2][:3])
print(r[::0])
