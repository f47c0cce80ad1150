def todo():
    pass

for i in range(3):
    pass
if True:
    pass
else:
    print('no')
print(todo())
print(i)
