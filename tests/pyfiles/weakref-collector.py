"""Weak references to a cycle: the collector clears them first.

A cycle that nobody names is found by the collector.  Before any
finalizer runs, every weakref to the cycle is cleared, and the
callbacks of those that are not garbage themselves are called; then
__del__ runs, then the cycle is cleared."""
import gc
import weakref


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def gone(w):
    print("callback: gone, w() is", w())


a = Node("a")
b = Node("b")
a.peer = b
b.peer = a
watch = weakref.ref(a, gone)
del a, b
# The cycle is unreachable, but not freed: the weakref still works.
print(watch().name)
print(gc.collect())
print(watch())
