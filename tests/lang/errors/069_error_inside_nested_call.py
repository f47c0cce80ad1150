def inner(d):
    return d['missing']

def outer(d):
    print('outer called')
    return inner(d)

for i in range(2):
    print('iteration', i)
outer({})
