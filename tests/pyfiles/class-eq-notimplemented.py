"""__eq__ that answers NotImplemented for what it does not know

The idiom of a careful __eq__: for an object of another type it returns
NotImplemented, so that Python asks the other operand, and falls back on
identity when nobody knows."""
import sys


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        if not isinstance(other, Point):
            return NotImplemented
        return self.x == other.x and self.y == other.y

    __hash__ = None


class Shy:
    def __eq__(self, other):
        print("Shy.__eq__ asked")
        return NotImplemented


p = Point(1, 2)
print(p == Point(1, 2))
# 5's int.__eq__ does not know a Point either: identity decides.
print(p == 5)
print(5 == p)
print(p != 5)
# Both say NotImplemented: Shy is asked second, then identity.
s = Shy()
print(p == s)
print(s == p)
print(p in [5, s, Point(1, 2)])
# Calling the method yourself shows what it returned.
r = Point.__eq__(p, 5)
print(r)
print(r is NotImplemented)
print(type(r).__name__)
print(sys.getrefcount(p))
