x = 0.0
print(x)
print(2 / x)
