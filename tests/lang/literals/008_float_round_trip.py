values = [0.1, 0.2, 0.3, 1 / 3, 2.0 / 7, 1e16, 1e-5, 123.456, 6.02e23, 9007199254740993.0]
for v in values:
    r = repr(v)
    print(r, float(r) == v)
print(float('0.30000000000000004') == 0.1 + 0.2)
print(str(0.5), repr(0.5))
