"""A weakref's callback runs when its referent dies.

__del__ runs first, then the weakrefs are cleared and their callbacks
called with the (dead) weakref, the newest first: CPython keeps each
new weakref with a callback at the front of the object's list, after
the plain one."""
import sys
import weakref


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def first(w):
    print("first callback, w() is", w())


def second(w):
    print("second callback, w() is", w())


a = Node("a")
plain = weakref.ref(a)
one = weakref.ref(a, first)
two = weakref.ref(a, second)
print(one is two, weakref.getweakrefcount(a))
# The weakrefs hold their callbacks: first is held by the module and one.
print(sys.getrefcount(first))
a = None
# The callbacks are let go once they ran.
print(sys.getrefcount(first), plain(), one(), two())
