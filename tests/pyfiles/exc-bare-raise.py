"""A bare raise passes the exception on.

convert() catches the ValueError, prints, and re-raises the same object
with a bare raise; the module catches it again.  It is one exception
object all along, and its traceback grows an entry in each frame it
leaves."""
import sys


def convert(text):
    try:
        return int(text)
    except ValueError:
        print("convert gives up on", text)
        raise


first = None
try:
    convert("ten")
except ValueError as e:
    first = e
    print(e.args)
    tb = e.__traceback__
    print(tb.tb_next.tb_next is None)
    del tb
print(sys.getrefcount(first))
first = None
