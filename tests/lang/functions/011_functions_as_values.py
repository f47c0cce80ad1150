def double(x):
    return x * 2

def square(x):
    return x * x

def apply(f, v):
    return f(v)

print(apply(double, 5), apply(square, 5))
ops = [double, square]
print([op(3) for op in ops])
table = {'d': double, 's': square}
print(table['s'](4))
alias = double
print(alias is double, alias(21))
print(type(double).__name__)
