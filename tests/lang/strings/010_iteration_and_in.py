vowels = 0
for ch in 'education':
    if ch in 'aeiou':
        vowels += 1
print(vowels)
print(list('hi!'))
print([c.upper() for c in 'abc'])
