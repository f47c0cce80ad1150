scores = {'ann': [90, 80], 'bob': [70]}
for name, marks in scores.items():
    marks.append(100)
    print(name, marks)
print(scores)
for i, k in enumerate(scores):
    print(i, k)
