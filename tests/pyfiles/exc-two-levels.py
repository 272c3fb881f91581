"""An exception crosses two functions on its way up.

inner() raises, outer() does not catch, the module does.  The traceback
has an entry for every frame the exception left, oldest first: the
module's, outer()'s, inner()'s.  Each finished frame is kept, and points
back (f_back) at the frame that called it."""
import sys


def inner(items):
    pos = len(items)
    return items[pos]


def outer(items):
    copy = list(items)
    return inner(copy)


values = [10, 20]
try:
    outer(values)
except IndexError as e:
    tb = e.__traceback__
    # three entries, one per frame, linked by tb_next
    print(tb.tb_lineno, tb.tb_next.tb_lineno, tb.tb_next.tb_next.tb_lineno)
    print(tb.tb_next.tb_next.tb_next is None)
    del tb
    print(e.args)
print(sys.getrefcount(values))
