# ~x is -x - 1 for big ints of both signs.
print(~(2**64))
print(~(2**100 - 1))
print(~-(2**100))
print(~~(3**80) == 3**80)
print(~(2**63 - 1), ~(-2**63))
x = 10**30
print(~x == -x - 1)
