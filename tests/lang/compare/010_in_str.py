s = 'hello world'
print('lo w' in s)
print('z' in s)
print('' in s)
print('Hello' in s)
print('o' not in s)
print('' in '')
