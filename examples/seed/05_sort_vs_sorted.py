# list.sort() versus sorted(): sort() reorders the list in place and returns None;
# sorted() leaves its argument alone and returns a new list.
import heaplab     # heap pictures: `heaplab run FILE --snapshots DIR` (a no-op under python3)

scores = [30, 10, 20]
alias = scores
result = scores.sort()
heaplab.snapshot("sort")       # one list, sorted in place; result is None
print(result)              # None: sort() works in place
print(scores, alias)       # [10, 20, 30] [10, 20, 30]: the alias sees it too

scores = [30, 10, 20]
ordered = sorted(scores)
heaplab.snapshot("sorted")     # two lists: scores unchanged, ordered new
print(scores)              # [30, 10, 20]: unchanged
print(ordered)             # [10, 20, 30]: a new list
print(ordered is scores)   # False

# Both take key= and reverse=.
words = ["banana", "Apple", "cherry"]
print(sorted(words))                     # uppercase sorts first
print(sorted(words, key=str.lower))      # case-insensitive
print(sorted(words, key=len, reverse=True))
