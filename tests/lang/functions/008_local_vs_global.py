x = 'global'

def show():
    print(x)

def shadow():
    x = 'local'
    print(x)

show()
shadow()
print(x)
