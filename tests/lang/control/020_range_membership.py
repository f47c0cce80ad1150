# 'in' on a range is arithmetic (no list is built): big ranges, steps, negatives, bools, floats
print(2**49 in range(2**50), 3 in range(0, 10, 3), 4 in range(0, 10, 3), -3 in range(0, -10, -3), 10 in range(10), True in range(2), False in range(1, 3))
print(9223372036854775806 in range(-9223372036854775807, 9223372036854775807, 3), 5.0 in range(10), 5.5 in range(10), 0 in range(0), -5 in range(-9, 0, 2))
print(7 not in range(0, 20, 7), 2**49 + 1 in range(1, 2**50, 2))
print(True in range(2**70), False in range(1, 2**70), True in range(-2**70, 0), 5 in range(2**70), 2**70 in range(3))
