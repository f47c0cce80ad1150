print(bool(0), bool(1), bool(-1), bool(0.0), bool(0.1))
print(bool(''), bool(' '), bool('0'), bool('False'))
print(bool([]), bool([[]]), bool(()), bool({}), bool(set()))
print(bool(None), bool(), bool(range(0)), bool(range(1)))
