s = 'con' 'cat' "enated"
print(s)
t = ('multi '
     'line')
print(t)
