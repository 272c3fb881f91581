"""deepcopy of a list holding one instance twice, and a shallow copy of
an instance with no attributes and of a subclass.

The memo makes one copy of the instance, held twice.  An instance with no
attributes has no state: its copy gets no __dict__.  Each class caches its
own __slotnames__."""
import copy
import sys


class Box:
    pass


class Crate(Box):
    def __init__(self):
        self.items = [1, 2]


empty = Box()
twin = copy.copy(empty)
print(twin is empty, type(twin) is Box)
crate = Crate()
both = [crate, crate]
copies = copy.deepcopy(both)
print(copies[0] is copies[1], copies[0] is crate)
print(sys.getrefcount(copies[0]), sys.getrefcount(crate))
print(copies[0].items, copies[0].items is crate.items)
print(Box.__slotnames__, Crate.__slotnames__)
shallow = copy.copy(crate)
shallow.items.append(3)
print(crate.items, copies[0].items)
del crate
print(sys.getrefcount(shallow.items))
