"""Callbacks in a cascade run in the cascade's order.

Each node of a chain is watched by a weakref with a callback.  Dropping
the head frees the chain: each node's __del__, then its callback, then
its attributes go -- which frees the next node."""
import weakref


class Node:
    def __init__(self, name, child=None):
        self.name = name
        self.child = child

    def __del__(self):
        print("del", self.name)


def gone(w):
    print("callback")


c = Node("c")
b = Node("b", c)
a = Node("a", b)
watches = [weakref.ref(a, gone), weakref.ref(b, gone), weakref.ref(c, gone)]
del b, c
a = None
print(watches[0](), watches[2]())
