"""A cycle outlives its names.

# refscope settings come first."""
# refscope: gc cpython
a = []
b = [a]
a.append(b)
del a, b
n = gc.collect()
print(n)
