"""A cycle through a closure cell.

A nested function that calls itself reads its own name from a cell of
the enclosing call: function -> __closure__ -> cell -> function.  Only
the collector frees it."""
import gc
def make_countdown():
    def countdown(n):
        if n == 0:
            return 0
        return countdown(n - 1)
    return countdown
f = make_countdown()
print(f(3))
del f
# function, closure tuple and cell: a cycle of three
print(gc.collect())
print(gc.collect())
