# int.bit_length around the 64-bit edges and for big negative ints.
for x in [0, 1, 255, 2**63 - 1, 2**63, 2**64 - 1, 2**64, 2**100, 10**100]:
    print(x.bit_length(), (-x).bit_length())
print((-2**63).bit_length(), (-2**63 - 1).bit_length())
print((2**1000 - 1).bit_length(), (2**1000).bit_length())
