for x in [1, 'two', 3.0]:
    print(x)
for y in ('a', 'b'):
    print(y * 2)
for z in []:
    print('never')
print('done')
