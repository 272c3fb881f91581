"""__del__ and the collector (PEP 442).

A cycle of objects with __del__ is collected: every finalizer runs first,
in the order of the collector's unreachable list, then the cycle is
cleared."""
import gc


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        print("del", self.name, self.other.name)


x = Node("x")
y = Node("y")
x.other = y
y.other = x
del x, y
print("the cycle is still there")
print(gc.collect())
print(gc.collect())
