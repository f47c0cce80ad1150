def loud(v):
    print('eval', v)
    return v

r = loud('yes') if True else loud('no')
print(r)
r = loud('yes') if 0 else loud('no')
print(r)
