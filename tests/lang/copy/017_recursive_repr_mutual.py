a = []
b = [a]
a.append(b)
print(a)
print(b)
t = ([],)
t[0].append(t)
print(t)
print(t[0])
