"""A weak reference does not count.

weakref.ref(obj) makes a weakref object that knows obj without holding
it: obj's count does not move.  Calling the weakref gives obj while it
lives, and None once it died."""
import sys
import weakref


class Node:
    def __init__(self, name):
        self.name = name


a = Node("a")
print(sys.getrefcount(a))
# The weakref refers to a, but a's count stays where it was.
r = weakref.ref(a)
print(sys.getrefcount(a))
# Calling it gives a new, counted reference to a.
b = r()
print(b is a, sys.getrefcount(a))
del b
# A second weakref.ref(a) without a callback is the same weakref object.
r2 = weakref.ref(a)
print(r2 is r, weakref.getweakrefcount(a))
# expect: r2 is r
# The last counted reference goes: a dies, and the weakref is dead.
del a
print(r(), r2())
