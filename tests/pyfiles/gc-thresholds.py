"""The collector's thresholds and counts.

Generation 0 is collected when allocations minus deallocations pass
its threshold; here only gc.collect() runs it."""
import gc
print(gc.get_threshold())
junk = [[], [], []]
del junk
print(gc.collect())
