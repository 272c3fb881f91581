"""A finalizer that resurrects its object.

__del__ stores self in a global: the object is not freed, and its
__del__ never runs again."""
import gc
import sys

saved = None


class Phoenix:
    def __init__(self, n):
        self.n = n
        self.me = self

    def __del__(self):
        global saved
        print("del", self.n)
        saved = self


p = Phoenix(1)
del p
print(gc.collect(), saved.n, sys.getrefcount(saved))
saved.me = None
saved = None
print("gone without a second __del__")
q = Phoenix(2)
q.me = None
q = None
print(saved.n)
saved = None
print(gc.collect())
old = Phoenix(3)
old.me = None
gc.collect()
# old is in the oldest generation now; its __del__ brings it back to
# generation 0, where subtype_dealloc tracked it again for the call
old = None
print(saved.n)
