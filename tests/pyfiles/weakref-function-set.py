"""Functions and sets can be weakly referenced.

Their weakref dies with them; a list, a dict, a tuple, an int or a str
cannot have one (weakref.ref raises TypeError)."""
import sys
import weakref


def f():
    return 1


r = weakref.ref(f)
print(r() is f, sys.getrefcount(f))
s = {1, 2, 3}
rs = weakref.ref(s)
print(rs() == {1, 2, 3})
del s
print(rs())
g = f
del f
print(r() is g)
del g
print(r())
