"""A return in a finally: block swallows the exception.

swallow() raises, and its finally: block returns: the exception the
block was to raise again is dropped there, and with it its traceback
and the frame object the traceback holds.  The big list it carries in
its args goes at that moment, before swallow()'s frame ends."""
import sys


class Big:
    def __del__(self):
        print("Big freed")


def swallow(payload):
    try:
        raise ValueError(payload)
    finally:
        print("finally runs")
        return "kept"


result = swallow(Big())
print(result)
# the same with a value the finally: block computes
def count(items):
    try:
        raise KeyError(items)
    finally:
        return len(items)


stuff = [1, 2, 3]
print(count(stuff))
print(sys.getrefcount(stuff))
