a = 'ab'
b = a + 'cd'
print(b, len(b))
print(a * 3, 3 * a, a * 0 == '')
print(len(''), len('é'), len('a b'))
s = ''
for ch in 'xyz':
    s = ch + s
print(s)
