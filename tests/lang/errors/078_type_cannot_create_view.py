d = {"a": 1}
print(type(d.values()))
type(d.values())()
