"""Calling a function inside an argument list.

The inner call returns first; its result is the outer call's argument."""
def double(x):
    return x * 2
def inc(x):
    return x + 1
print(double(inc(3)), inc(double(3)))
def pair(a, b):
    return [a, b]
p = pair(double(500), inc(999))
print(p)
