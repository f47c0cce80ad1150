def add_item(lst, item):
    lst.append(item)

data = [1]
add_item(data, 2)
add_item(data, 3)
print(data)

def set_key(d):
    d['seen'] = True

cfg = {}
set_key(cfg)
print(cfg)
