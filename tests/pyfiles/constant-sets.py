"""A set display of constants after other constants of the module.

The module's constants are one table: the set's items are found there."""
import sys
d = {"a": 1000, "b": 2000}
s = {3, 1, 2}
t = {"x", "y", 7}
print(sorted(s), len(t), 7 in t, sys.getrefcount(d))
