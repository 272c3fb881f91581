"""A cycle still reachable from a name survives a collection.

Reachable objects are never collected, cycle or not."""
import gc
ring = []
ring.append(ring)
holder = [ring]
print(gc.collect())
print(len(ring), holder[0] is ring)
del ring
print(gc.collect())
del holder
print(gc.collect())
