"""zip stops at the shortest iterable, but it has already taken the next
item of those before it: that item is in zip's result tuple."""
import sys
first = iter([1000, 2000, 3000])
pairs = list(zip(first, [10]))
print(pairs, next(first))
a = iter([5000, 6000, 7000])
z = zip(a, "x")
row = next(z)
del row
end = next(z, "done")
print(end, next(a), sys.getrefcount(z))
b = iter([8000, 9000])
z2 = zip(b, [])
print(list(z2), next(b))
