x = None
print(x is None)
print(x is not None)
y = []
print(y is None, y is not None)
def nothing():
    pass
print(nothing() is None)
print(None is None)
z = [].sort()
print(z is None)
