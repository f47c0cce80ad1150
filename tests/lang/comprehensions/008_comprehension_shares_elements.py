src = [[1], [2]]
same = [x for x in src]
same[0].append('shared')
print(src)
print(same is src, same[0] is src[0])
copies = [x[:] for x in src]
copies[1].append('own')
print(src, copies)
