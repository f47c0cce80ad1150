x = 1
print(f'{{x}} is {x}')
print(f'{{{x}}}')
print(f"{'inner'}")
print(f'{x}{x}{x}')
