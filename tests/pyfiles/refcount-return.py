"""A returned object outlives the function's frame.

The local name dies at return, but the object it named is handed to
the caller, which binds it."""
import sys
def make_pair(a, b):
    pair = [a, b]
    return pair
p = make_pair(1000, 2000)
# only p refers to the list now
print(sys.getrefcount(p))
# expect: refcount(p) == 1
q = make_pair(p, p)
print(sys.getrefcount(p))
del q
print(sys.getrefcount(p))
# a result nobody binds is freed at once
make_pair(3000, 4000)
