"""A finalizer runs when the collector frees its object's cycle.

Two nodes that refer to each other never reach a count of 0; the
collector finds them unreachable, clears their weak references and calls
the finalizers, which still sit in the registry.  A finalizer whose
function is a bound method of the object itself keeps the object alive
forever: the method holds it, the finalizer holds the method."""
import gc
import weakref


class Node:
    def __init__(self, name):
        self.name = name
        self.peer = None

    def close(self):
        print("close", self.name)


def gone(name):
    print("gone", name)


gc.collect()
a = Node("a")
b = Node("b")
a.peer = b
b.peer = a
fa = weakref.finalize(a, gone, "a")
fb = weakref.finalize(b, gone, "b")
del a, b
print(fa.alive, fb.alive)
print(gc.collect())
print(fa.alive, fb.alive)
leak = Node("leak")
fl = weakref.finalize(leak, leak.close)
del leak
print(gc.collect(), fl.alive)
fl()
print(fl.alive, gc.collect())
