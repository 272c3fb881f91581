"""What keeps it alive?  gc.get_referrers after a del.

`del a` drops a name, not the object: the object lives on as long as
something refers to it.  A weak reference finds it again without
holding it, and gc.get_referrers says who does: the other half of the
cycle, not the globals any more.  Only the collector frees the pair."""
import gc
import weakref


class Node:
    pass


a = Node()
b = Node()
a.partner = b
b.partner = a
probe = weakref.ref(a)
del a
print(probe() is not None)
print([type(r).__name__ for r in gc.get_referrers(probe())])
print(gc.get_referrers(probe())[0] is b)
del b
print(len(gc.get_referrers(probe())))
print(gc.collect(), probe())
