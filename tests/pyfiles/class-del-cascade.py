"""__del__ runs when the count reaches 0, in cascade order.

Dropping the head of a chain frees it, and its __del__ runs first: then
its attributes go, which frees the next node, whose __del__ runs, and so
on down the chain."""
import sys


class Node:
    def __init__(self, name, child=None):
        self.name = name
        self.child = child

    def __del__(self):
        print("del", self.name, sys.getrefcount(self))


a = Node("a", Node("b", Node("c")))
a = None
print("after the chain")
pair = [Node("first"), Node("second")]
# a list drops its items from the last to the first
del pair
keep = Node("kept", Node("inner"))
inner = keep.child
keep = None
print("inner lives on:", inner.name)
inner = None
