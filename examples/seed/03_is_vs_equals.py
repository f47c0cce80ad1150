# `is` versus `==`: identity versus equality.
# == asks "do these have the same value?"; `is` asks "are these the same object?".
import heaplab     # heap pictures: `heaplab run FILE --snapshots DIR` (a no-op under python3)

a = [1, 2, 3]
b = [1, 2, 3]
c = a
heaplab.snapshot("a, b and c")   # a and c: one list; b: an equal list of its own
print(a == b, a is b)    # True False: equal values, two objects
print(a == c, a is c)    # True True: one object
print(id(a) == id(c))    # True: id() is the object's identity

# None is a single object, so `is None` is the idiomatic test.
result = None
print(result is None)

# Copies are equal but not identical.
d = a.copy()
heaplab.snapshot("a copy")       # d: a new list holding the same items
print(d == a, d is a)    # True False
