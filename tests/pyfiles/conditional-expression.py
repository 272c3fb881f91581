"""Conditional expressions: `a if test else b`.

The test is evaluated first and dropped once its truth is known; then
only one of the two branches runs.  No object is made for the choice
itself: the result is the object the branch gives."""
import sys


class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next


def describe(n):
    return "end" if n is None else str(n.value)


def pick(flag, a, b):
    return a if flag else b


head = Node(1, Node(2))
print(describe(head), describe(None))
big = [1, 2, 3]
small = []
chosen = big if len(big) > 2 else small
print(chosen is big, sys.getrefcount(big))
other = small if not small else big
print(other is small)
nested = "a" if 1 > 2 else "b" if 2 > 1 else "c"
print(nested)
print(pick(True, big, small) is big, pick(0, big, small) is small)
x = [n.value if n else None for n in (head, None, head.next)]
print(x)
f = lambda v: v * 2 if v else -1
print(f(3), f(0))
k = None if head is None else head.next
print(k.value)
lit = 1 if True else 2
print(lit, (7 if False else 8))
t = (1, 2) if lit else (3, 4)
print(sys.getrefcount(t))
w = "kept, not interned" if lit else "dropped text"
print(sys.getrefcount(w))


def counts(flag):
    mine = [1]
    theirs = [2]
    print(sys.getrefcount(mine if flag else theirs))
    print(sys.getrefcount(mine), len(mine if flag else theirs))


counts(True)
counts(False)
