pair = ([1], [2])
left, right = pair
left.append('L')
print(pair)
print(left is pair[0])
left = ['new']
print(pair)
