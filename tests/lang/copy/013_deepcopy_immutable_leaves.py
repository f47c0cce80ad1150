import copy
s = 'shared string'
lst = [s, 1.5, None, True]
c = copy.deepcopy(lst)
print(c == lst, c is lst)
print(c[0] is s, c[2] is None)
print(copy.deepcopy('abc') == 'abc')
print(copy.deepcopy(None) is None)
