s = 'ab'
t = s
s += 'c'
print(s, t)
print(s == t)
words = ['x']
w = words[0]
w += 'y'
print(words, w)
