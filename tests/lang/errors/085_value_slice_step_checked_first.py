# A slice's step is checked before its bounds, as CPython's PySlice_Unpack does: a zero step
# is a ValueError even when the start is not an int.
print([1, 2, 3][::2])
print([1, 2, 3]["a"::0])
