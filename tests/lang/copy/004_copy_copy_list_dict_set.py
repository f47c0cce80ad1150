import copy
lst = [[1], [2]]
c = copy.copy(lst)
print(c == lst, c is lst, c[0] is lst[0])
d = {'k': [1]}
cd = copy.copy(d)
cd['k'].append(2)
cd['new'] = 0
print(d, cd)
s = {1, 2}
cs = copy.copy(s)
cs.add(3)
print(s, cs)
