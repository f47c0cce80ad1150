for i in range(4):
    pass
print(i)
for ch in 'abc':
    last = ch
print(ch, last)
