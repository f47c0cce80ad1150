print({'a': 1})
print({'a': 1} + {'b': 2})
