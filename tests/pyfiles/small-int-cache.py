"""Small integers are shared.

CPython keeps one object for each integer from -5 to 256; every
computation that gives such a number returns the shared object."""
a = 100
b = 50 + 50
print(a is b)
# expect: a is b
c = 256
d = 255
d += 1
print(c is d)
# 257 is past the cache: computed, it is a new object
e = 257
f = 256
f += 1
print(e == f, e is f)
# expect: e is not f
# the constants of one module are shared, whatever their size
g = 257
print(e is g)
# expect: e is g
neg = -5
also = -6 + 1
print(neg is also)
