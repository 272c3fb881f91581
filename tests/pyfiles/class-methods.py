"""Methods: a call through the instance makes no bound method.

obj.m() is LOAD_METHOD: the function and the instance go on the stack.
m = obj.m makes a bound method object, which holds the instance."""
import sys
import gc


class Counter:
    step = 1

    def __init__(self, start=1000, name="counter"):
        self.count = start
        self.name = name

    def bump(self, by=None):
        if by is None:
            by = self.step
        self.count = self.count + by
        return self.count


c = Counter()
d = Counter(name="other", start=2000)
print(c.bump(), d.bump(5), c.name, d.name)
print(sys.getrefcount(c))
m = c.bump
print(sys.getrefcount(c), m.__self__ is c, m.__func__ is Counter.bump)
print(m(), m(2))
c = None
print(m.__self__.count)
del m
print(gc.collect(), Counter.step, d.step, d.__class__ is Counter)
f = Counter.bump
print(f(d, 3), sys.getrefcount(f))
