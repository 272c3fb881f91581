"""A class that defines __eq__: == asks it, `is` does not.

p == q calls Point.__eq__(p, q) in a frame of its own; `in`, index() and
count() ask each item in turn, but an item that is the object itself
counts at once, without a call."""
import sys


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        print("eq", self.x, other.x)
        return self.x == other.x and self.y == other.y


p = Point(1, 2)
q = Point(1, 2)
r = Point(3, 4)
print(p == q, p is q)
print(p != r)
print(p == p)
pts = [r, q]
print(p in pts)
print(pts.index(q), pts.count(p))
print(p in (r, q), r not in pts)
print(sys.getrefcount(p), sys.getrefcount(q))
