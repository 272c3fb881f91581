"""Equal constants in one file are one object.

A file is compiled as one module: the two 257s are one constant."""
a = 257
b = 257
# expect: a is b
# expect: refcount(a) == 4
c = [1000, 1000]
d = 1000  # the same 1000 as in c
def f():
    return 1000
e = f()
# expect: e is d
del a
del b; del c
print(d, e)
