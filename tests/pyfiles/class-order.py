"""<, <=, > and >= call the class's ordering methods, and which side's goes.

a < b calls a.__lt__(b): the function and both operands are the call's
arguments, so the counts inside are one higher than outside.  A class with
__lt__ alone still answers b > a: b has no __gt__, so Python asks the other
side the mirrored question, a.__lt__(b).  A subclass's method goes first
even on the right.  When neither side has a method for the question, the
ordering is a TypeError (== would fall back on identity instead).  Lists
and tuples order by their first pair that is not equal, asked with the
same operator."""
import sys


class Version:
    def __init__(self, major, minor):
        self.major = major
        self.minor = minor

    def __lt__(self, other):
        print("Version.__lt__", self.major, self.minor, "<", other.major,
              other.minor, sys.getrefcount(self), sys.getrefcount(other))
        return (self.major, self.minor) < (other.major, other.minor)

    def __le__(self, other):
        if not isinstance(other, Version):
            print("Version.__le__", self.minor, "and a", type(other))
            return False
        print("Version.__le__", self.minor, other.minor)
        return (self.major, self.minor) <= (other.major, other.minor)


class Beta(Version):
    def __gt__(self, other):
        print("Beta.__gt__", self.minor, other.minor)
        return self.minor > other.minor


class Plain:
    pass


old = Version(3, 11)
new = Version(3, 14)
beta = Beta(3, 15)
print(old < new)
print(new > old)
print(old <= new, new >= old)
print(old < beta)
print(beta < old)
r = old < new < beta
print(r)
print([old, 1] < [old, 2], (new,) > (old,), [old] < [beta])
print(old <= 3, Plain() >= old)
try:
    print(old > Plain())
except TypeError as e:
    print("TypeError:", e)
print(sys.getrefcount(old), sys.getrefcount(new), sys.getrefcount(beta))
