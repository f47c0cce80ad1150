# Results in CPython's small-int range [-5, 256] from big-int operations are the
# cached small ints, so `is` holds.
a = 2**100
zero = 0
five = 5
thirty_two = 32
minus_three = -3
print((a - a) is zero, (a ^ a) is zero, (a * 0) is zero)
print(((a + 5) - a) is five, ((a + 5) % a) is five, ((a + 5) & 7) is five)
print((a >> 95) is thirty_two, ((a * 32) // a) is thirty_two)
print(((a - 3) - a) is minus_three)
print(divmod(a + 5, a)[1] is five)
