"""A weakref that is garbage itself calls nobody.

When the weakref dies in the same collection as its referent, its
callback is not called: handle_weakrefs only calls the callbacks of
weakrefs that outlive the collection."""
import gc
import weakref


class Node:
    pass


def never(w):
    print("never printed")


a = Node()
a.me = a
a.watch = weakref.ref(a, never)
outside = weakref.ref(a)
del a
print(outside() is not None)
print(gc.collect())
print(outside())
