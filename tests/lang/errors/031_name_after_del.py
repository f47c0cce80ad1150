qq = [1]
print(qq)
del qq
print(qq)
