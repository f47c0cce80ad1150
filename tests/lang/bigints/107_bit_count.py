# int.bit_count (Python 3.10): the ones in the binary digits of abs(n).
for n in [0, 1, -1, 7, 8, -255, 2**63 - 1, -2**63, 2**64, 2**100 - 1, -(2**1000 + 2**500 + 1), True, False]:
    print(n if abs(n) < 2**70 else hex(n)[:12], n.bit_count(), bin(n).count("1") == n.bit_count())
print(sum(i.bit_count() for i in range(1000)), (10**100).bit_count(), (3**500).bit_count())
