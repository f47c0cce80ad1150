n = 1
print(n)
print(n + 'a')
