"""The [[0] * 3] * 3 trap.

Multiplying a list repeats references, not objects: the three rows
are one row."""
import sys
grid = [[0] * 3] * 3
grid[0][0] = 5
# every row changed: they are the same list
print(grid)
# expect: grid[0] is grid[2]
print(sys.getrefcount(grid[0]))
# building each row on its own gives three rows
rows = []
for i in range(3):
    rows.append([0] * 3)
rows[0][0] = 5
print(rows)
# expect: rows[0] is not rows[1]
