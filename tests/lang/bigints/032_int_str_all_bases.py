# int(str, base) for every base from 2 to 36 with results beyond 64 bits.
for base in range(2, 37):
    print(base, int('1' * 70, base), int('-' + '10' * 30, base))
print(int('Z' * 20, 36), int('z' * 20, 36) == 36**20 - 1)
