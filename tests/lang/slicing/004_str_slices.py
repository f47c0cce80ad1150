s = 'Hello, World'
print(s[:5])
print(s[7:])
print(s[::-1])
print(s[::2])
print(s[-5:-1])
print(s[1:-1])
print(repr(s[3:3]))
print(s[-1::-3])
