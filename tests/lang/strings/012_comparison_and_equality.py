a = 'abc'
b = 'ab' + 'c'
print(a == b)
print(a != 'abd')
print('a' * 3 == 'aaa')
print('Abc'.lower() == a)
print('10' < '9', 10 < 9)
