# << moves a small int into big ints: past bit 63, 64 and far beyond.
print(1 << 63, 1 << 64, 1 << 100)
print(3 << 62)
print(0xFF << 60)
print(1 << 1000 == 2**1000)
print(5 << 0, 0 << 1000)
x = 1
for i in range(4):
    x = x << 40
    print(x)
