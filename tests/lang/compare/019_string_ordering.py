words = ['pear', 'Apple', 'apple', 'banana', 'Banana', '']
print(sorted(words))
print('apple' < 'apples', 'Apple' < 'apple')
print(max(words), min(words))
print('é' > 'z')
