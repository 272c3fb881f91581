"""A captured parameter moves into a cell.

When a frame starts, each parameter an inner function uses is moved into
a new cell (MAKE_CELL): the frame then holds the cell, the cell the
argument."""
import sys
def make_multiplier(k):
    print(sys.getrefcount(k))
    return lambda x: x * k
factor = [3]
times = make_multiplier(factor)
# factor: the name, the cell
print(sys.getrefcount(factor))
print(times(2))
cell = times.__closure__[0]
print(cell.cell_contents is factor)
del times
print(sys.getrefcount(factor))
del cell
print(sys.getrefcount(factor))
