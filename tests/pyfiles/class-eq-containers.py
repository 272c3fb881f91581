"""Lists and tuples of objects that define __eq__ compare item by item.

[p] == [q] asks Point.__eq__ for each pair that is not one object; a list
of another length differs at once, without a call.  isinstance sees a
subclass's instance as the base's too."""
import sys


class Point:
    def __init__(self, x):
        self.x = x

    def __eq__(self, other):
        print("eq", self.x, other.x, sys.getrefcount(self))
        return self.x == other.x


class Point3(Point):
    pass


p = Point(1)
q = Point(1)
r = Point3(2)
print([p] == [q], [p] != [q])
print([p, r] == [p, r])
print([p, q] == [q])
print((p, 1) == (q, 1), (p, r) == (q, p))
print([[p]] == [[q]])
print(isinstance(r, Point), isinstance(p, Point3))
print(sys.getrefcount(p))
