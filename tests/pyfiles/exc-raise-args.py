"""raise: making an exception object, with or without arguments.

raise ValueError("bad", 42) calls the class like any other: the arguments
become the exception's args tuple.  raise KeyError names only the class:
Python calls it with no arguments, and args is the empty tuple."""
import sys

try:
    raise ValueError("bad", 42)
except ValueError as e:
    print(e.args)
    print(len(e.args))
    kept = e.args
# the args tuple outlives its exception: kept is its only name now
print(sys.getrefcount(kept))
del kept

try:
    raise KeyError
except KeyError as e:
    # no arguments: args is the empty tuple, the one CPython shares
    print(e.args)
    print(e.args == ())

try:
    raise IndexError("only one")
except IndexError as e:
    # one argument: args is a tuple of one
    print(e.args)
    print(str(e))
