# Aliasing: two names, one object. A change made through either name is seen through both,
# and passing a list to a function passes the same list, not a copy.
import heaplab     # heap pictures: `heaplab run FILE --snapshots DIR` (a no-op under python3)

original = ["red", "green"]
alias = original
alias.append("blue")
print(original)                  # ['red', 'green', 'blue']
print(alias is original)         # True: the very same object
heaplab.snapshot("alias")        # one list, two names

def add_item(items, item):
    items.append(item)           # mutates the caller's list
    heaplab.snapshot("inside add_item")  # the call's frame: items points to the caller's list

def replace_items(items):
    items = ["new"]              # rebinds the local name only
    heaplab.snapshot("inside replace_items")  # items now points elsewhere; original is untouched
    return items

add_item(original, "yellow")
print(original)                  # the caller sees the append
replace_items(original)
print(original)                  # ...but not the rebinding

# A list holding the same inner list three times: one change shows up three times.
row = [0, 0]
grid = [row, row, row]
grid[0][0] = 1
heaplab.snapshot("one row three times")  # three arrows from grid into the one row
print(grid)                      # [[1, 0], [1, 0], [1, 0]]
grid = [[0, 0] for _ in range(3)]  # three distinct rows
grid[0][0] = 1
heaplab.snapshot("three rows")   # three distinct rows
print(grid)                      # [[1, 0], [0, 0], [0, 0]]
