s = 'a'
print(s)
print(s + 1)
