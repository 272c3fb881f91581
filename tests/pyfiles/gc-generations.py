"""Collecting one generation at a time.

New containers start in generation 0; surviving a collection moves
them to an older generation."""
# diff: not 3.14 (gc.collect(1) of 3.14.2's incremental collector, one increment of its old generation, is not modelled)
import gc
keep = [[1], [2]]
print(gc.collect(0))
a = []
b = [a]
a.append(b)
del a, b
# the young cycle is found by a collection of generation 0
print(gc.collect(0))
c = []
c.append(c)
del c
print(gc.collect(1))
print(gc.collect(2))
print(keep)
