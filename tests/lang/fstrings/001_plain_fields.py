name = 'ann'
age = 30
print(f'{name} is {age}')
print(f"{name}{age}")
print(f'{age + 1} next year')
print(f'list: {[1, 2]} dict: {{"k": 1}}')
print(f'{None} {True} {1.5}')
print(f'')
print(f'no fields')
