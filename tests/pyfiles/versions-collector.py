"""The collector: what 3.13 and 3.14 changed.

Each version starts its collector with its own thresholds; 3.14
tracks a dict from its birth, and moves what survives a young
collection to its old generation."""
import gc
print(gc.get_threshold())
table = {}
keep = [[1], [2]]
print(gc.collect(0))
# expect[3.11-3.13]: gen(keep) == 1
# expect[3.14]: gen(keep) == 2
ring = []
ring.append(ring)
del ring
print(gc.collect())
