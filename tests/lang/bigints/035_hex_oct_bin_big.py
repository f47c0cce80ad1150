# hex, oct and bin of big ints, negative ones with the sign before the prefix.
a = 2**100 + 255
print(hex(a))
print(oct(a))
print(bin(a))
print(hex(-a), oct(-(2**64)), bin(-(2**65 + 1)))
print(hex(2**64 - 1), hex(2**64))
print(int(hex(3**90), 16) == 3**90, int(bin(-3**50), 0) == -3**50)
