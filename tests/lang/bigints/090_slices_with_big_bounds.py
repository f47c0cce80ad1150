# Slice bounds beyond 64 bits are clamped, as any out-of-range bound.
xs = [1, 2, 3, 4, 5]
print(xs[2**64:], xs[:2**64], xs[-2**100:2**100])
print(xs[::2**70], xs[::-2**70])
print('hello'[2**64:], 'hello'[-2**64:2], (1, 2, 3)[1:2**200])
ys = list(xs)
ys[2**64:] = [6, 7]
print(ys)
