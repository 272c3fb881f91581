"""Calling a finalizer early, peek() and detach().

f() runs the function now, if the finalizer is alive, and never again:
the object's death later calls nothing.  peek() shows what would be
called; detach() takes the finalizer out of the registry without calling
it, handing back the object, the function and its arguments."""
import sys
import weakref
from weakref import finalize


class Temp:
    pass


def remove(path):
    print("remove", path)
    return path.upper()


t = Temp()
f = finalize(t, remove, "/tmp/x")
info = f.peek()
print(info[0] is t, info[1] is remove, info[2], info[3])
del info
print(f(), f.alive, f.atexit)
print(f(), f.peek())
del t
u = Temp()
g = finalize(u, remove, "/tmp/y")
print(sys.getrefcount(u))
detached = g.detach()
print(g.alive, sys.getrefcount(u), detached[2])
del u
print(detached[0], g.detach(), g.peek())
del detached
print(g)
