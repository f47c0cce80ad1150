import gc
data = [[i, str(i)] for i in range(100)]
alias = data[50]
gc.collect()
print(len(data), data[99], alias)
print(alias is data[50])
