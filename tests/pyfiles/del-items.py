"""del on items and slices.

Removing an item drops the list's reference to it; the item dies if
that was the last."""
import sys
shared = [0]
row = [shared, [1], [2], [3], shared]
print(sys.getrefcount(shared))
del row[0]
print(sys.getrefcount(shared), len(row))
del row[1:3]
print(row)
del row[-1]
print(sys.getrefcount(shared), row)
table = {'a': [1], 'b': shared}
del table['b']
print(table, sys.getrefcount(shared))
