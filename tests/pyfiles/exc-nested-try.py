"""Nested try statements: the innermost matching clause wins.

cell()'s try catches only IndexError.  A KeyError passes through it and
out of cell(), through the module's inner try, whose finally block runs on
the way, to the outer try, which catches it."""
import sys

grid = {"row": [1, 2]}


def cell(name, pos):
    try:
        return grid[name][pos]
    except IndexError as e:
        print("inner caught", e.args)
        return None


print(cell("row", 1))
print(cell("row", 9))
try:
    try:
        print(cell("col", 0))
    finally:
        print("inner finally")
except KeyError as e:
    print("outer caught", e.args)
print(sys.getrefcount(grid))
