print(1 < 2, 2 < 1, 2 <= 2, 3 >= 4, 5 == 5, 5 != 5)
print('a' < 'b', 'abc' < 'abd', 'Z' < 'a', 'ab' < 'abc')
print('' < 'a', 'b' > 'abc')
print(1.5 < 2, -1 > -2)
