# format() and str.format with big ints.
a = 10**25 + 12345
print(format(a, ','), format(a, 'x'), format(-a, '#o'))
print('{} {:,} {:>30} {:_b}'.format(a, a, -a, 2**64))
print('%d %x %o' % (a, 2**64, 2**64))
print('%s|%r|%30d|%-30d|' % (a, -a, a, a))
