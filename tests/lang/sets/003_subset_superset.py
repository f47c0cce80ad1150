a = {1, 2}
b = {1, 2, 3}
print(a <= b, a < b, b <= a)
print(a <= a, a < a)
print(b >= a, b > a)
print(set() <= a)
print({1, 4} <= b)
print(a == {2, 1})
