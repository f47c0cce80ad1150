# int methods take no arguments: CPython names the type in the message.
print((5).bit_count())
print((5).bit_length(1))
