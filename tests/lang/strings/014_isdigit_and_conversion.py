for s in ['42', '-7', ' 8 ', '3.5']:
    print(repr(s), s.strip().isdigit())
print(int('42') + int('-7') + int(' 8 '))
print(float('3.5') * 2)
print(int('007'))
