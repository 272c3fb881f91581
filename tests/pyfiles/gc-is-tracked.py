"""Which objects the collector watches: gc.is_tracked.

Only containers can be in a cycle, so only they are tracked: not ints
or strs.  CPython 3.11 also lets go of some containers that cannot be
in a cycle: a dict that holds only atomic values from its birth, and a
tuple of atomic items once a collection has looked at it."""
import gc


print(gc.is_tracked(1000), gc.is_tracked("text"))
print(gc.is_tracked([]), gc.is_tracked([1, 2]))
d = {"a": 1}
print(gc.is_tracked(d))
d["b"] = []
print(gc.is_tracked(d))
t = (1, 2, 3)
u = (1, [2])
x = 10
v = (x, x + 1)
print(gc.is_tracked(v), gc.is_tracked(u))
gc.collect()
print(gc.is_tracked(v), gc.is_tracked(u))
