d = {"a": 1}
d.values() + 1
