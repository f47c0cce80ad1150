import copy
people = [{'name': 'ann', 'tags': ['a']}, {'name': 'bob', 'tags': []}]
shallow = people.copy()
deep = copy.deepcopy(people)
people[0]['tags'].append('changed')
people[1]['name'] = 'BOB'
print(shallow)
print(deep)
print(deep[0] is people[0], shallow[0] is people[0])
