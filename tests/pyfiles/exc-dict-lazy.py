"""An exception's __dict__ is made on first use.

A fresh exception has no __dict__ at all: reading e.__dict__ makes an
empty one, which the exception then keeps; the first attribute set
fills it.  The same dict object stays for the exception's life, and
del e.attr takes the entry out of it."""
import gc
import sys

e = ValueError("bad value")
print(len(gc.get_referents(e)))
d = e.__dict__
print(d, len(gc.get_referents(e)))
print(e.__dict__ is d)
e.where = "line 3"
e.count = 2
print(d)
print(sys.getrefcount(d))
del e.where
print(d)
print(e.count, e.args)
e = None
print(d)
