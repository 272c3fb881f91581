"""del inside a function removes a local.

The object lives on if something else refers to it."""
import sys
def use_and_drop(items):
    first = items[0]
    del items
    return first
row = [[1], [2]]
got = use_and_drop(row)
print(got, got is row[0], sys.getrefcount(row))
