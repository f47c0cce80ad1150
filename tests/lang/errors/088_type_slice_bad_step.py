# A step that is not an int is a TypeError, whatever the bounds.
print("abc"[::-1])
print("abc"[0:2:"1"])
