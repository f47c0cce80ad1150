items = []

def add(x):
    items.append(x)

add(1)
add(2)
print(items)
config = {'debug': False}
def enable():
    config['debug'] = True
enable()
print(config)
