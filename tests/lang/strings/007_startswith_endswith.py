name = 'report_2024.txt'
print(name.startswith('report'), name.startswith('Report'))
print(name.endswith('.txt'), name.endswith('.csv'))
print(name.startswith(''), name.endswith(''))
print(name.startswith(('a', 'r')))
print(name.endswith(('.csv', '.txt')))
