"""__repr__ and __str__: what print, str(), repr() and f-strings call.

print and str() use __str__, falling back to __repr__; repr() and !r use
__repr__.  The str a method returns is the very object str() gives."""
import sys


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Point(" + str(self.x) + ", " + str(self.y) + ")"


class Named:
    def __init__(self, name):
        self.name = name

    def __str__(self):
        return self.name

    def __repr__(self):
        return f"Named({self.name!r})"


p = Point(1000, 2000)
print(p)
print(repr(p), str(p))
n = Named("ada lovelace")
print(n, repr(n))
s = str(n)
print(s is n.name, sys.getrefcount(s))
print(f"{n} and {n!r} at {p}")
