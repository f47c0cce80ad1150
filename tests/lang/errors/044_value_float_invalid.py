print(float('2.5'))
print(float('abc'))
