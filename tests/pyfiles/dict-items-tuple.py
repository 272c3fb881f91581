"""A dict's item iterator reuses its result tuple.

When nothing else holds the pair it returned last, the iterator fills
the same tuple again; a pair kept by a name makes it build a new one."""
import sys
d = {"x": 1000, "y": 2000, "z": 3000}
it = iter(d.items())
first = next(it)
# the iterator holds the tuple it returned
print(first, sys.getrefcount(first))
second = next(it)
# first is still held by a name: second is a new tuple
print(second, first is second, sys.getrefcount(second))
del first, second
third = next(it)
print(third, sys.getrefcount(third))
# exhausted: the iterator lets the dict go, keeps its tuple
end = next(it, None)
print(end, sys.getrefcount(d), third)
pairs = list(d.items())
print(pairs, sys.getrefcount(pairs[0]), sys.getrefcount(pairs[1]))
for k, v in d.items():
    last = (k, v)
print(last)
