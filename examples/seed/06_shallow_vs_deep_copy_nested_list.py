# Shallow versus deep copy of a nested list.
# A shallow copy is a new outer list holding the same inner objects;
# a deep copy copies the inner objects too.
import copy

original = [[1, 2], 3, 4]

shallow = copy.copy(original)       # also: original.copy(), original[:], list(original)
deep = copy.deepcopy(original)

print(shallow == original, shallow is original)        # True False
print(shallow[0] is original[0])                       # True: the inner list is shared
print(deep[0] is original[0])                          # False: the inner list was copied

original[0].append(99)     # mutate the shared inner list
original[1] = 30           # rebind a slot of the outer list only

print("original:", original)   # [[1, 2, 99], 30, 4]
print("shallow: ", shallow)    # [[1, 2, 99], 3, 4]: sees the inner change
print("deep:    ", deep)       # [[1, 2], 3, 4]: independent
