"""Iterators are objects: iter() makes one, next() moves it on.

A list iterator holds its list until it is exhausted; a range holds
its start, stop and step, and its iterator holds nothing."""
import sys
x = [1001, 2001, 3001]
it = iter(x)
# the iterator holds one reference to x
print(sys.getrefcount(x), it)
a = next(it)
b = next(it)
c = next(it)
# exhausted: the next next() lets the list go
d = next(it, None)
print(sys.getrefcount(x), a, b, c, d)
again = next(it, "empty")
it2 = iter(it)
print(it2 is it, again)
del it, it2
t = iter((a, b))
first = next(t)
del t
print(sys.getrefcount(a), first)
n = 1000
r = range(n)
print(r, len(r), sys.getrefcount(n))
r2 = range(n, 2000, 300)
print(r2, len(r2), sys.getrefcount(n))
ri = iter(r2)
print(next(ri), next(ri), ri)
del r2
print(next(ri), next(ri), next(ri, -1))
s = iter("abc")
print(next(s), s)
u = iter("héllo")
print(next(u), next(u), u)
word = "xy"
w = iter(word)
print(sys.getrefcount(word))
print(next(w), next(w), next(w, "end"), sys.getrefcount(word))
del w
nums = list(range(5))
total = sum(range(1, 11))
back = list(range(10, 0, -3))
empty = list(range(0))
chars = tuple(iter("hé"))
rest = iter(nums)
skip = next(rest)
tail = list(rest)
print(nums, total, back, empty, chars, skip, tail)
