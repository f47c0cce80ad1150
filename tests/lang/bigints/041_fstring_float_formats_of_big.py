# Float format specs on big ints go through float(): e, f, g and %.
a = 2**100
print(f'{a:e}|{a:.3e}|{-a:E}')
print(f'{a:.2f}|{10**30:.1f}')
print(f'{a:g}|{3**50:.10g}')
print(f'{10**25:.0%}')
print(f'{a:,.2f}')
