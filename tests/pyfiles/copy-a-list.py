"""Four ways to copy a list, and one way not to.

A slice, list(), .copy() and + [] all make a new list holding the same
items; assignment only adds a name."""
import sys
original = [[1], [2], [3]]
by_slice = original[:]
by_list = list(original)
by_copy = original.copy()
by_add = original + []
not_a_copy = original
print(by_slice is original, by_list is original, by_copy is original)
print(by_add is original, not_a_copy is original)
# the copies are shallow: each holds the same inner lists
print(by_slice[0] is original[0])
# expect: by_copy[2] is original[2]
print(sys.getrefcount(original[0]))
del by_slice, by_list, by_copy, by_add
print(sys.getrefcount(original[0]))
