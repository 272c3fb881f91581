"""A cycle outlives its names.

The settings line comes first; import gc lets python3 run it too."""
# refscope: gc cpython
import gc
a = []
b = [a]
a.append(b)
del a, b
n = gc.collect()
print(n)
