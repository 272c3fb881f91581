"""A class with __eq__ and __hash__ makes value objects: equal points are
one dict key and one set member.

hash(p) calls Point.__hash__, which hashes a tuple of the fields.  A dict or
a set hashes a key once, then asks __eq__ only of a stored key with the same
hash that is not the key itself: the first lookup with b finds a (another
object, equal), the lookups with a itself find a without a call.  The
lookup holds the stored key while __eq__ runs (one more count on self);
storing d[b] = ... and set.add(b) hold b too.  The dict keeps its first
key, a, and takes b's value."""
import sys


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        print("  eq", self.x, self.y, "and", other.x, other.y,
              sys.getrefcount(self), sys.getrefcount(other))
        return self.x == other.x and self.y == other.y

    def __hash__(self):
        print("  hash", self.x, self.y, sys.getrefcount(self))
        return hash((self.x, self.y))


a = Point(1, 2)
b = Point(1, 2)
c = Point(3, 4)
print(hash(a) == hash(b), a is b)
names = {a: "a"}
print(names[b])
names[b] = "b"
print(len(names), names[a], a in names, c in names)
print(names.get(c, "none"), names.setdefault(c, "c"))
seen = {a, c}
seen.add(b)
print(len(seen), b in seen)
seen.discard(b)
print(len(seen), a in seen)
spot = names.pop(Point(1, 2))
print(spot, len(names))
del names[c]
print(len(names), sys.getrefcount(a), sys.getrefcount(b))
