stack = []
for c in 'abc':
    stack.append(c)
    print(stack)
while stack:
    print(stack.pop(), stack)
queue = [1, 2, 3]
while queue:
    print(queue.pop(0))
