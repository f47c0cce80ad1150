def greet(name):
    return 'hello ' + name

def add(a, b):
    return a + b

print(greet('ann'))
print(add(2, 3), add('a', 'b'), add([1], [2]))
print(add(add(1, 2), add(3, 4)))
