def power(base, exp=2):
    return base ** exp

print(power(3))
print(power(3, 3))
def label(text, left='[', right=']'):
    return left + text + right
print(label('x'))
print(label('x', '<'))
print(label('x', '(', ')'))
