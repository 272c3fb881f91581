"""Cells and closure tuples are containers the collector tracks.

Each call of make makes a cell, a tuple of cells and a function, all in
generation 0; a collection they survive moves them to the oldest."""
import gc
def make(n):
    def get():
        return n
    return get
g1 = make(1000)
# expect: gen(g1) == 0
print(gc.collect())
# expect: gen(g1) == 2
g2 = make(2000)
# expect: gen(g2) == 0
print(g1() + g2())
del g1
print(gc.collect())
