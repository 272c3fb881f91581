"""Probe (FACTS.md, the oracle): what sys.settrace could change, printed
by the program itself, so that tools/check.sh finds the same output in a
plain run and under the oracle: counts and tracking of an exception, its
args, its tracebacks, the finished frames (and what they hold:
gc.get_referents would show an f_locals dict had the tracer made one)
and the module's running frame."""
import gc
import sys


def inner(a):
    b = [a]
    raise ValueError(b)


def outer(x):
    y = (x, 1)
    inner(y)


kept = None
try:
    outer("p")
except ValueError as e:
    kept = e
    print("e", sys.getrefcount(e), gc.is_tracked(e))
tb = kept.__traceback__
print("args", sys.getrefcount(kept.args), gc.is_tracked(kept.args))
n = 0
while tb is not None:
    fr = tb.tb_frame
    print("tb", n, sys.getrefcount(tb), gc.is_tracked(tb))
    print("frame", fr.f_code.co_name, sys.getrefcount(fr), gc.is_tracked(fr))
    if fr.f_code.co_name != "<module>":
        print("  holds", [type(o).__name__ for o in gc.get_referents(fr)])
        print("  f_back", fr.f_back.f_code.co_name)
    tb = tb.tb_next
    n = n + 1
fr = None
print("module frame", sys.getrefcount(sys._getframe()))
kept = None
print("module frame", sys.getrefcount(sys._getframe()))
print(gc.collect())
