"""gc.garbage: where the collector would put what it cannot free.

Before Python 3.4 a cycle with a __del__ method could not be freed and
ended up in gc.garbage.  Since PEP 442 the collector calls the
finalizers and frees the cycle anyway: gc.garbage stays empty (unless
gc.set_debug(gc.DEBUG_SAVEALL) asks it to keep everything).  The list
is the interpreter's own, made when it started."""
import gc


class Node:
    def __del__(self):
        print("del, and freed all the same")


a = Node()
a.me = a
del a
print(gc.garbage, gc.collect(), gc.garbage, len(gc.garbage))
g = gc.garbage
print(g is gc.garbage, gc.is_tracked(g), type(g))
