def sq(v):
    return v * v
print([sq(v) for v in range(5) if sq(v) > 3])
words = ['Apple', 'banana', 'Cherry']
print([w for w in words if w[0] == w[0].upper()])
print(sorted([len(w) for w in words]))
