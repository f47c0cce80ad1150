data = [1]

def rebind_local():
    data = [2]
    return data

def rebind_global():
    global data
    data = [3]

print(rebind_local(), data)
old = data
rebind_global()
print(data, old)
