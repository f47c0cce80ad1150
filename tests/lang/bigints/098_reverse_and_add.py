# Reverse-and-add through strings: 89 reaches a palindrome, 196 just keeps growing.
def step(n):
    return n + int(str(n)[::-1])

n = 89
k = 0
while str(n) != str(n)[::-1]:
    n = step(n)
    k += 1
print(k, n)
n = 196
for i in range(100):
    n = step(n)
print(len(str(n)), n)
