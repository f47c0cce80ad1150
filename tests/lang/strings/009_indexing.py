s = 'python'
print(s[0], s[5], s[-1], s[-6])
print(s[1:4], s[:2], s[4:], s[-3:])
print(type(s[0]).__name__, len(s[0]))
for i in range(len(s)):
    print(i, s[i])
