"""A for loop over a set walks its hash table in order with a
set_iterator, which holds the set until it is exhausted."""
import sys
s = {30, 10, 20, 1000}
for x in s:
    print(x, sys.getrefcount(s))
print(sys.getrefcount(s))
it = iter(s)
a = next(it)
b = next(it)
print(a, b, it, sys.getrefcount(s))
rest = list(it)
print(rest, sys.getrefcount(s), next(it, "done"))
print(sum(s), max(s))
empty = set()
for e in empty:
    print("never")
print(list(empty), tuple({5}))
