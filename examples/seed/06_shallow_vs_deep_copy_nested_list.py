# Shallow versus deep copy of a nested list.
# A shallow copy is a new outer list holding the same inner objects;
# a deep copy copies the inner objects too.
import copy
import heaplab     # heap pictures: `heaplab run FILE --snapshots DIR` (a no-op under python3)

original = [[1, 2], 3, 4]

shallow = copy.copy(original)       # also: original.copy(), original[:], list(original)
heaplab.snapshot("shallow copy")    # a new outer list; its slot 0 points to the same inner list
deep = copy.deepcopy(original)
heaplab.snapshot("deep copy")       # deep has an inner list of its own

print(shallow == original, shallow is original)        # True False
print(shallow[0] is original[0])                       # True: the inner list is shared
print(deep[0] is original[0])                          # False: the inner list was copied

original[0].append(99)     # mutate the shared inner list
original[1] = 30           # rebind a slot of the outer list only
heaplab.snapshot("after mutation")

print("original:", original)   # [[1, 2, 99], 30, 4]
print("shallow: ", shallow)    # [[1, 2, 99], 3, 4]: sees the inner change
print("deep:    ", deep)       # [[1, 2], 3, 4]: independent
