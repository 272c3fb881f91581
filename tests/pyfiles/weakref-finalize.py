"""weakref.finalize: a function to call when an object dies.

A finalizer does not keep its object alive: it holds a weak reference to
it, whose callback is the finalizer itself.  What keeps the finalizer
alive is the class: weakref.finalize keeps every live finalizer in its
_registry dict, with an _Info that holds the function, its arguments and
the weak reference.  When the object dies, the finalizer takes itself
out of the registry and calls the function, once."""
import sys
import weakref


class Connection:
    def __init__(self, name):
        self.name = name


def closed(name, why):
    print("closed", name, why)


conn = Connection("db")
reason = "".join(["conn", " died"])
f = weakref.finalize(conn, closed, conn.name, reason)
# The finalizer: its name, the registry's key, the weakref's callback.
print(sys.getrefcount(f), sys.getrefcount(conn), sys.getrefcount(reason))
print(f.alive, weakref.getweakrefcount(conn))
print(f)
# The last reference goes: the finalizer runs at once.
del conn
print(f.alive, f)
print(sys.getrefcount(f), sys.getrefcount(reason))
# print is a function too; a temporary object dies at the end of its line.
g = weakref.finalize(Connection("tmp"), print, "tmp is gone")
print(g.alive, type(g))
