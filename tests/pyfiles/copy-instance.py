"""copy.copy and copy.deepcopy of an instance.

copy.copy makes a new Point without calling __init__ and gives it the same
attribute values: the tags list is shared.  copy.deepcopy copies the list
too.  Both read the original's __dict__ (so it gets a real one), and the
first copy caches the class's __slotnames__."""
import copy
import sys


class Point:
    def __init__(self, x, y):
        print("init", x, y)
        self.x = x
        self.y = y
        self.tags = ["origin"]


p = Point(1, 2)
q = copy.copy(p)
print(q.x, q.y, q.tags is p.tags)
print(sys.getrefcount(p.tags))
print(Point.__slotnames__, vars(q))
r = copy.deepcopy(p)
print(r.tags is p.tags, r.tags == p.tags)
print(sys.getrefcount(p.tags), sys.getrefcount(r.tags))
q.tags.append("shared")
print(p.tags, r.tags)
print(sys.getrefcount(Point))
del p
print(q.tags)
del q
del r
print(sys.getrefcount(Point))
