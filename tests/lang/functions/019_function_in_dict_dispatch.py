def add(a, b):
    return a + b

def sub(a, b):
    return a - b

ops = {'+': add, '-': sub}
for expr in [(3, '+', 4), (10, '-', 7)]:
    a, op, b = expr
    print(a, op, b, '=', ops[op](a, b))
