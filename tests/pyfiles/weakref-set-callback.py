"""Callbacks on a set's weakrefs, without a class.

A set dies when its last name goes: its weakrefs are cleared, and the
callbacks run, the newest weakref's first; each weakref then lets its
callback go."""
import sys
import weakref


def first(w):
    print("first:", w())


def second(w):
    print("second:", w())


s = {1, 2}
plain = weakref.ref(s)
a = weakref.ref(s, first)
b = weakref.ref(s, second)
print(weakref.getweakrefcount(s), a is b)
print(sys.getrefcount(first), sys.getrefcount(second))
s = None
print(sys.getrefcount(first), sys.getrefcount(second))
print(plain(), a(), b())
