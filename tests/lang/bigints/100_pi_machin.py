# 200 digits of pi by Machin's formula in fixed-point big-int arithmetic.
def arccot(x, unity):
    total = term = unity // x
    n = 3
    sign = -1
    while term:
        term = term // (x * x)
        total += sign * (term // n)
        sign = -sign
        n += 2
    return total

unity = 10**210
pi = 4 * (4 * arccot(5, unity) - arccot(239, unity))
print(pi // 10**10)
