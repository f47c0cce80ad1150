x = 3.14159
print(f'{x:.2f}')
print(f'{x:.0f}')
print(f'{2.5:.0f} {3.5:.0f}')
print(f'{1/3:.4f}')
print(f'{10:.2f}')
print(f'{-0.004:.2f}')
print(f'{1e16:.1f}')
