# `is` versus `==`: identity versus equality.
# == asks "do these have the same value?"; `is` asks "are these the same object?".

a = [1, 2, 3]
b = [1, 2, 3]
c = a
print(a == b, a is b)    # True False: equal values, two objects
print(a == c, a is c)    # True True: one object
print(id(a) == id(c))    # True: id() is the object's identity

# None is a single object, so `is None` is the idiomatic test.
result = None
print(result is None)

# Copies are equal but not identical.
d = a.copy()
print(d == a, d is a)    # True False
