"""Functions that load the same constants share one co_consts tuple.

CPython 3.11 merges equal constants across the whole module, the
co_consts tuples of its functions included: f and g both have
(None, 1000), one tuple holding one 1000; the default (None,) of h is
the very tuple k's code keeps as its constants."""
import sys
def f():
    return 1000
def g():
    return 1000
x = f()
print(sys.getrefcount(x))
def k():
    pass
def h(a=None):
    return a
print(h())
