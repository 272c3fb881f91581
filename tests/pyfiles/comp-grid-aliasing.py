"""[[0] * 3] * 3 makes one row three times; a comprehension makes three.

The classic surprise: multiplying a list of lists copies references,
not rows, so one assignment shows up in every row."""
import sys
shared = [[0] * 3] * 3
shared[0][0] = 5
print(shared)
print(shared[0] is shared[1], sys.getrefcount(shared[0]))
rows = [[0] * 3 for _ in range(3)]
rows[0][0] = 5
print(rows)
print(rows[0] is rows[1], sys.getrefcount(rows[0]))
