pairs = [('b', 2), ('a', 1), ('c', 2), ('d', 1), ('e', 3)]
print(sorted(pairs, key=lambda p: p[1]))
print(sorted(pairs, key=lambda p: p[1], reverse=True))
words = ['bb', 'a', 'ccc', 'dd', 'e', 'fff']
words.sort(key=len)
print(words)
words.sort(key=len, reverse=True)
print(words)
