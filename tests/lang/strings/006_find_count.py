s = 'banana'
print(s.find('an'), s.find('z'), s.find('a', 2), s.find(''))
print(s.count('a'), s.count('an'), s.count('z'), s.count('ana'))
print(s.index('n'))
print('hello'.find('lo'))
