"""gc.get_referrers along an exception's traceback.

A caught exception holds its traceback; each traceback entry holds the
next one and the frame it was raised through; a finished frame holds its
locals.  gc.get_referrers walks that chain backwards: from the list the
failing call was given up to the exception the module keeps."""
import gc
def f():
    pass
def g(x):
    raise ValueError(x)
class K:
    def m(self):
        pass
k = K()
bm = k.m
print([type(r).__name__ for r in gc.get_referrers(f)])
print([type(r).__name__ for r in gc.get_referrers(bm)])
try:
    g([1])
except ValueError as e:
    err = e
print([type(r).__name__ for r in gc.get_referrers(err)])
tb = err.__traceback__
print([type(r).__name__ for r in gc.get_referrers(tb)])
print([type(r).__name__ for r in gc.get_referrers(tb.tb_next)])
fr = tb.tb_next.tb_frame
print([type(r).__name__ for r in gc.get_referrers(fr)])
print([type(r).__name__ for r in gc.get_referrers(err.args)])
print([type(r).__name__ for r in gc.get_referrers(err.args[0])])
print([type(r).__name__ for r in gc.get_referrers(k)])
