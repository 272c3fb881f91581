"""zip over three iterables: its tuple of iterators holds each one; the
result tuple is reused while no name keeps it."""
import sys
xs = [1000, 2000]
ys = (3000, 4000)
zs = "ab"
z = zip(xs, ys, zs)
print(sys.getrefcount(xs), sys.getrefcount(ys))
first = next(z)
print(first, sys.getrefcount(first))
del first
second = next(z)
print(second, sys.getrefcount(second), next(z, "end"))
print(sys.getrefcount(xs), sys.getrefcount(ys))
del z
print(sys.getrefcount(xs), sys.getrefcount(ys), second)
