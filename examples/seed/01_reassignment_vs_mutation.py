# Reassignment versus mutation.
# A name is a label attached to an object. `=` moves the label to another object;
# a method such as append changes the object itself, whoever else is looking at it.
import heaplab     # heap pictures: `heaplab run FILE --snapshots DIR` (a no-op under python3)

a = [1, 2, 3]
b = a            # b is a second label on the same list
a = [4, 5, 6]    # reassignment: a now labels a new list; b still labels the old one
heaplab.snapshot("after reassignment")    # two lists: a and b point to different ones
print("after reassignment:", a, b)

a = [1, 2, 3]
b = a
a.append(4)      # mutation: the one list both names share grows
heaplab.snapshot("after mutation")        # one list, two arrows into it
print("after mutation:    ", a, b)

x = 10
y = x
x = x + 1        # ints cannot be mutated: x + 1 is a new int, and x is rebound to it
heaplab.snapshot("ints")                  # tagged: 11 and 10 sit in the frame; boxed: two int objects
print("ints:", x, y)
