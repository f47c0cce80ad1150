db = {'users': {'ann': {'age': 30}, 'bob': {'age': 25}}}
db['users']['ann']['age'] += 1
print(db)
db['users']['cy'] = {'age': 40}
print(list(db['users']))
total = 0
for name in db['users']:
    total += db['users'][name]['age']
print(total)
