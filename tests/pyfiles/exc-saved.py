"""Keeping an exception after its except block.

The name e goes at the end of the block, but another name bound to the
same object keeps it alive, with its traceback: the traceback points at
the frame object of the module, which is still running."""
import sys

saved = None
try:
    raise ValueError("kept")
except ValueError as e:
    saved = e
    print(sys.getrefcount(e))
# e is gone; saved holds the exception alone now
print(sys.getrefcount(saved))
print(saved.args)
tb = saved.__traceback__
# the traceback: one entry, for the line of the module that raised
print(tb.tb_lineno)
print(tb.tb_next is None)
del tb
saved = None
print("dropped")
