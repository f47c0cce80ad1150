a = [{'n': 1}, {'n': 2}]
b = list(a)
b[0]['n'] = 100
b.pop()
print(a)
print(b)
print(b[0] is a[0])
