"""A generator expression in a function, and one that is never used up.

any() stops at the first true item: the generator is dropped half way,
and closing it lets go of its frame, the iterator over the list first."""
import sys


class Box:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del box", self.n)


def total(boxes):
    return sum(b.n for b in boxes)


def first_big(boxes, limit):
    found = [b for b in boxes if b.n > limit]
    return found[0]


boxes = [Box(1), Box(20), Box(3)]
print(total(boxes))
print(first_big(boxes, 10).n)
gen = (b for b in boxes if b.n > 2)
big = next(gen)
print(big.n, sys.getrefcount(big))
del boxes
# the generator still holds the list through its iterator
print(next(gen).n)
del gen
print("kept", big.n)
