words = ['banana', 'Fig', 'apple', 'cherry', 'date']
print(sorted(words))
print(sorted(words, key=len))
print(sorted(words, reverse=True))
print(sorted(words, key=len, reverse=True))
words.sort(key=lambda w: w.lower())
print(words)
nums = [3, -1, -4, 2]
nums.sort(key=abs)
print(nums)
