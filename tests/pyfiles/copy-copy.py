"""copy.copy makes a shallow copy.

A new outer list, dict or set, whose items are the same objects; an
immutable object (an int, a str, a tuple) is not copied at all:
copy.copy gives it back."""
import copy
import sys

inner = [1, 2]
outer = [inner, 3]
shallow = copy.copy(outer)
print(shallow is outer, shallow[0] is inner, sys.getrefcount(inner))
# expect: shallow[0] is inner
shallow[0].append(99)
print(outer)
d = {"k": inner}
d2 = copy.copy(d)
print(d2 == d, d2 is d, d2["k"] is inner)
s = {1, 2}
s2 = copy.copy(s)
print(s2 is s)
t = (inner, 4)
print(copy.copy(t) is t)
n = 1000
print(copy.copy(n) is n, copy.copy("abc"))
