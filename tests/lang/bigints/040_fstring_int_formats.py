# f-string format specs applied to big ints: bases, grouping, width, sign, padding.
a = 2**100
print(f'{a}|{a:d}|{-a:d}')
print(f'{a:x}|{a:X}|{a:o}|{a:b}')
print(f'{a:#x}|{-a:#o}|{2**65:#b}')
print(f'{a:,}|{-a:_}|{a:_x}')
print(f'{a:>40}|{a:<40}|{a:^40}|')
print(f'{a:+}|{-a:+}|{a: }|{a:040}|{-a:040}')
print(f'{a!r}|{a!s}|{format(a, "x")}')
