"""any() and all(): they stop at the first item that decides.

Each takes an iterator of its argument and tests the items' truth one
by one: any() stops at the first true one, all() at the first false
one.  A generator it stops early is left where it stood, its frame
suspended: what it did not produce, it never made."""
import sys


class Item:
    def __init__(self, n):
        self.n = n


items = [Item(0), Item(3), Item(5)]
print(any([]), all([]), any([0, None, 1]), all([1, 2, 0]))
print(any(i.n > 2 for i in items), all(i.n > 2 for i in items))
print(any(i.n > 9 for i in items), all(i.n >= 0 for i in items))
flags = [i.n for i in items]
print(any(flags), all(flags), sys.getrefcount(flags))
gen = (i.n for i in items)
print(any(gen), next(gen), list(gen))
print(all(x for x in "abc"), any(k for k in {"a": 1}), any({0, 0.0}))
it = iter(items)
print(any(it), sys.getrefcount(it))
print(all(range(1, 4)), any(range(0)), all(items))
def first_big(xs):
    return any(x.n > 4 for x in xs)
print(first_big(items), first_big(items[:2]))
