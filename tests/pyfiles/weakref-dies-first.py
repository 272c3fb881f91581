"""A weakref that dies before its referent calls nobody.

The weakref holds its callback (a counted reference); when the weakref
itself dies first, it lets the callback go and the referent never
hears of it."""
import sys
import weakref


class Node:
    def __del__(self):
        print("del node")


def report(w):
    print("never printed")


a = Node()
r = weakref.ref(a, report)
print(sys.getrefcount(report))
print(weakref.getweakrefcount(a))
del r
print(sys.getrefcount(report), weakref.getweakrefcount(a))
del a
