# bool is an int: its int methods, as CPython.
print(True.bit_length(), False.bit_length(), int.bit_length(True))
print((2**100).bit_length(), (-2**64).bit_length(), (0).bit_length())
f = (10**30).bit_length
print(f())
