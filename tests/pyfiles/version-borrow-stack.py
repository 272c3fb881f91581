"""What sys.getrefcount sees of the values a statement keeps on the stack.

3.14 loads a local for a call, a display or an operator without counting
it (LOAD_FAST_BORROW), so print("args", v, sys.getrefcount(v)) counts
neither v on the stack; 3.11 to 3.13 count both.  A value that crosses a
jump (w or v) is counted on every version."""
import sys


class Box:
    def size(self, n):
        return n


def show(v, w):
    print("args", v, sys.getrefcount(v))
    pair = [v, sys.getrefcount(v)]
    print(pair[1])
    b = Box()
    print(b.size(sys.getrefcount(b)))
    t = (w, v, sys.getrefcount(v))
    print(t[2])
    d = {v: sys.getrefcount(v)}
    print(d[v])
    print(v + w, w < v, sys.getrefcount(w))
    x = v
    print(sys.getrefcount(x), x is v)
    print(w or v, sys.getrefcount(w))
    return [v, w][sys.getrefcount(w) - sys.getrefcount(w)]


print(show(tuple(range(3)), tuple(range(3, 5))))


def guarded(v):
    flag = len(v) > 0
    print(v, flag and sys.getrefcount(v))


guarded(tuple(range(2)))
