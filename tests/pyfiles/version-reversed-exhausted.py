"""An exhausted list_reverseiterator: from 3.13 it keeps its list once
its index has passed the start; a list that shrank under it is let go
on every version."""
import sys
nums = [1000, 2000, 3000]
r = reversed(nums)
print(list(r), sys.getrefcount(nums))
print(next(r, "end"), sys.getrefcount(nums))
empty = []
e = reversed(empty)
print(next(e, "none"), sys.getrefcount(empty))
short = [1000, 2000]
s = reversed(short)
short.clear()
print(next(s, "gone"), sys.getrefcount(short))
del r
print(sys.getrefcount(nums))
