"""copy.deepcopy copies all the way down, once per object.

Its memo remembers each object it copied: an object reached twice is
copied once, so the copy shares where the original shared, and a cycle
comes back to the copy.  Atomic objects (ints, strs) are not copied,
and neither is a tuple whose items all come back unchanged."""
import copy
import sys

inner = [1, 2]
outer = [inner, inner, "s", 1000]
deep = copy.deepcopy(outer)
print(deep[0] is inner, deep[0] is deep[1], deep[2] is outer[2])
# expect: deep[0] is deep[1]
print(sys.getrefcount(inner), sys.getrefcount(deep[0]))
t = (1, "a", 2.5)
print(copy.deepcopy(t) is t)
u = (inner, 3)
u2 = copy.deepcopy(u)
print(u2 is u, u2 == u, u2[0] is inner)
d = {"k": inner, "j": [inner]}
d2 = copy.deepcopy(d)
print(d2["k"] is d2["j"][0], d2["k"] is inner)
loop = [1]
loop.append(loop)
loop2 = copy.deepcopy(loop)
print(loop2[1] is loop2, loop2 is loop)
