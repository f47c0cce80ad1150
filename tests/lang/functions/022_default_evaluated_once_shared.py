def counter(state={'n': 0}):
    state['n'] += 1
    return state['n']

print(counter(), counter(), counter())
print(counter({'n': 10}))
print(counter())
