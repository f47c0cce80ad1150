counter = 0

def increment():
    global counter
    counter += 1

for i in range(3):
    increment()
print(counter)

def create():
    global made
    made = 'created inside'

create()
print(made)
