"""A set display of constants after other constants of the module.

The module's constants are one table: the set's items are found there."""
import sys
d = {"a": 1000, "b": 2000}
s = {3, 1, 2}
t = {"x", "y", 2000}
print(sorted(s), len(t), 2000 in t, sys.getrefcount(d))
