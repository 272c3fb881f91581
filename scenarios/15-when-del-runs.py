"""What __del__ tells you, and when

A class's __del__ runs when its object is about to go: the moment its count
reaches 0, inside a cascade in the cascade's order, or in a collection,
before the collector breaks the cycle.  weakref.finalize tells the same
without a __del__: a function called when the object goes."""
# refscope: section "15. What __del__ tells you"
import gc
import weakref


# A Node has a name and may hold a child. Its __del__ method is its
# finalizer: Python calls it just before the object is freed. Ours says
# which node is going, and which child it still holds at that moment.
class Node:
    def __init__(self, name, child=None):
        self.name = name
        self.child = child

    def __del__(self):
        if self.child is None:
            print("del", self.name)
        else:
            print("del", self.name, "still holding", self.child.name)


# One node, one name: count 1. Nothing is printed yet: __del__ runs only
# when the object goes.
solo = Node("solo")
# label: solo "solo"
# expect: refcount(solo) == 1

# Rebinding the name drops the count to 0, and within this very line
# Python calls __del__ ("del solo") and then frees the node.
solo = None
# expect: freed == 1
# pause

# A chain of three nodes: head holds middle, which holds tail. Only head
# has a name; each of the others is held by its parent's child attribute.
head = Node("head", Node("middle", Node("tail")))
# label: head "head", head.child "middle", head.child.child "tail"
# expect: refcount(head.child) == 1
# expect: refcount(head.child.child) == 1

# del head: head's count reaches 0. Its __del__ runs first, while it still
# holds middle; then head's attributes go, so middle's count reaches 0,
# and its __del__ runs, still holding tail; and then tail's. The chain
# dies from the head down, one __del__ at a time, in the cascade's order.
del head
# ask: freed
# answer: 3
# expect: freed == 3
# pause

# A list of two nodes. A list drops its items from the last to the first
# (lesson 8), so when the list goes, right's __del__ runs before left's.
pair = [Node("left"), Node("right")]
# label: pair[0] "left", pair[1] "right"
del pair
# expect: freed == 3

# Two nodes that hold each other: a cycle.
x = Node("x")
y = Node("y")
x.child = y
y.child = x
# label: x "x", y "y"
# expect: refcount(x) == 2

# Their names go, but each keeps the other at a count of 1: no count
# reaches 0, so no __del__ runs and nothing is printed. A missing "del"
# line is how __del__ tells you that an object is stuck in a cycle.
del x, y
# expect: freed == 0
# pause

# The collector finds the cycle. Before it breaks anything, it calls the
# finalizer of every object it is about to free (PEP 442): "del x still
# holding y", then "del y still holding x" -- each node is still whole
# when its __del__ runs. Only then does it clear the cycle, and the counts
# do the rest. gc.collect() prints 2, the two nodes it found.
print(gc.collect())
# expect: collected == 2
# pause

# weakref.finalize is the other way to hear of an object's end, with no
# __del__ in its class. A finalizer holds the function to call and its
# arguments; it reaches the object only through a weak reference, which
# does not count. What keeps the finalizer itself alive is its class:
# weakref.finalize keeps every live finalizer in its _registry dict.
class Plain:
    pass


p = Plain()
f = weakref.finalize(p, print, "p is gone")
# expect: refcount(p) == 1
# expect: refcount(f) == 3
# pause

# The name goes and p's count reaches 0. Its weak reference is cleared,
# and the reference's callback -- the finalizer -- takes itself out of
# the registry and calls print("p is gone"). Only the name f still holds
# the finalizer, which is no longer alive.
del p
# expect: refcount(f) == 1
print(f.alive)
# pause
