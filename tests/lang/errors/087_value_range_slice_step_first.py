# A range's slice checks the step first, then the bounds.
print(range(10)[::3])
print(range(10)[1.5::0])
