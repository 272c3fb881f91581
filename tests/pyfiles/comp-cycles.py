"""Cycles made by a comprehension are found by the collector like any other."""
import gc
rings = [[n * 1000] for n in range(3)]
for r in rings:
    r.append(r)
del r
print(gc.collect())
del rings
# three lists, each holding itself: unreachable now
print(gc.collect())
pairs = {n: [n] for n in "ab"}
pairs["a"].append(pairs)
del pairs
print(gc.collect())
