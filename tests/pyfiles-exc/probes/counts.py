"""Probe (FACTS.md a, c, d): counts and collector tracking of a caught
exception, its traceback and frames, run plainly (python3 counts.py;
node tests/oracle/run.mjs 3.1X --exec counts.py).

sys.getrefcount(x) says one more than x's count while its argument holds
x; from 3.14 a local or global passed straight to it may be borrowed, and
then it says the count itself: each line prints what getrefcount said and,
after "=", the count without the argument, measured through a list
(sys.getrefcount(box[0]) - 2 is the count without the box and the
argument in every version)."""
import gc
import sys


def count(x):
    box = [x]
    x = None
    return sys.getrefcount(box[0]) - 2


class Mark:
    def __del__(self):
        print("(c) the module's frame object is freed now")


print("(a) refcount of e")
try:
    raise ValueError("x")
except ValueError as e:
    print("  in the block:", sys.getrefcount(e), "=", count(e))
    saved = e
    print("  in the block, saved too:", sys.getrefcount(e), "=", count(e))
print("  after the block, saved alone:", sys.getrefcount(saved), "=",
    count(saved))


def handler():
    try:
        raise ValueError("y")
    except ValueError as e:
        print("  in a function's block:", sys.getrefcount(e), "=", count(e))


handler()
try:
    raise ValueError("w")
except ValueError:
    print("  in `except E:` (no name):", count(sys.exc_info()[1]))

print("(c) the module's frame object")
tb = saved.__traceback__
print("  tb_frame is the running frame:", tb.tb_frame is sys._getframe())
print("  its count, tb and frame_obj:", count(tb.tb_frame))
tb.tb_frame.f_trace = Mark()       # seen when the frame object is freed
frame_id = id(tb.tb_frame)
del tb
saved = None
print("  exception gone; its count:", count(sys._getframe()))
try:
    raise KeyError("again")
except KeyError as e:
    print("  the next exception's tb_frame is the same object:",
        id(e.__traceback__.tb_frame) == frame_id)

print("(d) gc.is_tracked")
print("  ValueError('x').args:", gc.is_tracked(ValueError("x").args))
print("  ValueError().args (the empty tuple):", gc.is_tracked(ValueError().args))
print("  ValueError([1]).args:", gc.is_tracked(ValueError([1]).args))
try:
    int("x")
except ValueError as e:
    print("  int('x') error's args:", gc.is_tracked(e.args))
    print("  the exception:", gc.is_tracked(e))
    print("  its traceback:", gc.is_tracked(e.__traceback__))
    print("  the running frame:", gc.is_tracked(e.__traceback__.tb_frame))
try:
    {}["k"]
except KeyError as e:
    print("  d[k] error's args:", gc.is_tracked(e.args))


def fail():
    raise ValueError("z")


try:
    fail()
except ValueError as e:
    print("  a finished frame:", gc.is_tracked(e.__traceback__.tb_next.tb_frame))
    t = e.args
    gc.collect()
    print("  args after gc.collect():", gc.is_tracked(t))
    del t
print("module code ends")
