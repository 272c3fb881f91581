"""Rebinding a captured name frees what it held.

The cell holds one object at a time: storing into it drops the old one,
which dies at once when nothing else holds it."""
import gc
def make():
    current = [0] * 1000
    def swap(size):
        nonlocal current
        current = [0] * size
        return len(current)
    def peek():
        return current
    return swap, peek
swap, peek = make()
kept = peek()
# the first list: kept and the cell
print(swap(10))
# the cell lets it go: kept alone holds it now
print(swap(20), len(kept))
del swap
print(gc.collect(), len(peek()))
