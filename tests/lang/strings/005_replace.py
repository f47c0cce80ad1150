s = 'one fish two fish'
print(s.replace('fish', 'cat'))
print(s.replace('fish', 'cat', 1))
print(s.replace('bird', 'cat'))
print('aaa'.replace('a', 'bb'))
print('abc'.replace('', '-'))
print(s)
