row = {'v': 0}
table = [row] * 3
table[0]['v'] = 1
print(table)
table2 = [{'v': 0} for _ in range(3)]
table2[0]['v'] = 1
print(table2)
