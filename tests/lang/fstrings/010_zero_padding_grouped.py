# Zero padding with grouping: the padding zeros are grouped too, never starting with a separator;
# '0' with an explicit alignment pads with zeros; '0' on a string pads on the right.
print(f'{-5:08,}', f'{-5:09,}', f'{-5:07,}', f'{5:08_}')
print(f'{12345:010,}', f'{255:08_x}', f'{255:012_b}', f'{255:#012_x}')
print(f'{-1234.5:010,.1f}', f'{3.5:010_.2f}', f'{-0.5:010,}', f'{0.25:015,%}')
print(f'{-5:0>8,}', f'{-5:0=8,}', f'{-5:x<8,}', f'{-5:+08,}')
print(repr(format('ab', '05')), repr(format(7, '<05')), repr(format(7, '^05')), repr(format(-7, '>05')))
print(f'{2**70:040,}')
print(repr(format(float('inf'), '010,')), repr(format(float('nan'), '=+010')))
