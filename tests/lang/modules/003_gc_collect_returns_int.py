import gc
n = gc.collect()
print(type(n).__name__)
print(n >= 0)
