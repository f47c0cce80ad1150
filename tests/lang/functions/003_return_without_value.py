def nothing():
    return

def implicit():
    x = 1

def early(n):
    if n < 0:
        return
    return n * 2

print(nothing(), implicit())
print(early(-1), early(4))
print(type(nothing()))
