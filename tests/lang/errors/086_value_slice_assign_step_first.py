# Assigning to a slice checks the step first too.
a = [1, 2, 3]
a[::2] = [7, 9]
print(a)
a["x":"y":0] = []
