# sys.maxsize is 2**63 - 1 on 64-bit Linux; one past it is an ordinary int.
import sys
print(sys.maxsize)
print(sys.maxsize + 1)
print(-sys.maxsize - 1)
print(-sys.maxsize - 2)
print(sys.maxsize + 1 == 2**63)
print(sys.maxsize * sys.maxsize)
print(type(sys.maxsize + 1))
