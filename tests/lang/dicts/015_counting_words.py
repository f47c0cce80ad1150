text = 'the cat and the hat and the bat'
counts = {}
for word in text.split():
    counts[word] = counts.get(word, 0) + 1
print(counts)
best = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
print(best[0])
print(sorted(counts))
