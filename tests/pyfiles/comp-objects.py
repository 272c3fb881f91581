"""A list comprehension makes a new list of the same objects.

The items are not copied: the new list holds a second reference to
each, and the names the loop used are gone when the line ends."""
import sys
rows = [[1], [2], [3]]
same = [r for r in rows]
print(same == rows, same is rows, same[0] is rows[0])
print(sys.getrefcount(rows[0]))
firsts = [r[0] * 1000 for r in rows]
print(firsts)
grid = [[c for c in row] for row in rows]
print(grid, grid[0] is rows[0])
del rows
print(sys.getrefcount(same[1]))
