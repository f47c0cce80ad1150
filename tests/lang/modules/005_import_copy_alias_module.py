import copy
import copy
dc = copy.deepcopy
x = [[1]]
y = dc(x)
y[0].append(2)
print(x, y)
print(type(copy).__name__)
