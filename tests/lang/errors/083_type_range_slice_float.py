# Slice bounds of a range must be ints or None.
print(range(5)[1:3])
print(range(5)[1.5:])
