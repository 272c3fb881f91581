"""__weakref__: the head of an object's weak reference list."""
import weakref


class Node:
    pass


def cb(w):
    pass


a = Node()
print(a.__weakref__)
r1 = weakref.ref(a, cb)
print(a.__weakref__ is r1)
r2 = weakref.ref(a, cb)
print(a.__weakref__ is r2)
r0 = weakref.ref(a)
print(a.__weakref__ is r0, weakref.getweakrefcount(a))
del r0
print(a.__weakref__ is r2)
