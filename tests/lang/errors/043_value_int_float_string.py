print(int('3'))
print(int('1.5'))
