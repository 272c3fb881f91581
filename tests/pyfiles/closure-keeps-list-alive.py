"""A closure keeps a big list alive.

The list is a local of make_report, but the inner function reads it: the
list goes into a cell, and the cell outlives the call."""
import sys
import gc
def make_report():
    data = list(range(1000))
    def report():
        return len(data)
    return report
r = make_report()
print(r())
# the cell is all that holds the list now
print(gc.collect())
del r
# the function, its closure tuple, its cell and the list go at once
print(gc.collect())
