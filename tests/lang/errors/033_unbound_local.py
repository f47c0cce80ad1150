x = 1

def f():
    print(x)
    x = 2

print('start')
f()
