# int() of a big int is the same value; int() of bools and float strings.
a = 3**100
print(int(a) == a, int(-a))
print(int(str(-a)) + a, int(' ' + str(a) + '\n') == a)
print(int(float(2**80)), int(2**80 + 0.0) == 2**80)
print(int('-0'), int('0x' + 'f' * 16, 16), int('1' * 20, 2))
