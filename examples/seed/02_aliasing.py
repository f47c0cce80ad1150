# Aliasing: two names, one object. A change made through either name is seen through both,
# and passing a list to a function passes the same list, not a copy.

original = ["red", "green"]
alias = original
alias.append("blue")
print(original)                  # ['red', 'green', 'blue']
print(alias is original)         # True: the very same object

def add_item(items, item):
    items.append(item)           # mutates the caller's list

def replace_items(items):
    items = ["new"]              # rebinds the local name only
    return items

add_item(original, "yellow")
print(original)                  # the caller sees the append
replace_items(original)
print(original)                  # ...but not the rebinding

# A list holding the same inner list three times: one change shows up three times.
row = [0, 0]
grid = [row, row, row]
grid[0][0] = 1
print(grid)                      # [[1, 0], [1, 0], [1, 0]]
grid = [[0, 0] for _ in range(3)]  # three distinct rows
grid[0][0] = 1
print(grid)                      # [[1, 0], [0, 0], [0, 0]]
