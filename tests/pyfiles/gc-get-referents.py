"""What an object refers to, as the collector sees it: gc.get_referents.

The answer is what the type's traverse function visits, in its order:
a list's items from the last, a tuple's too; of a dict whose keys are
all strs only its values, of any other dict each value and then its
key; an instance's attributes, then its class."""
import gc


inner = [1, 2]
outer = [inner, "s", 3]
print(gc.get_referents(outer))
t = (inner, 10)
print(gc.get_referents(t))
d = {"x": inner, "y": 5}
print(gc.get_referents(d))
e = {1: "one", 2: "two"}
print(gc.get_referents(e))
print(gc.get_referents(inner, d))
print(gc.get_referents(42))


class Box:
    def __init__(self, item):
        self.item = item
        self.size = 1


b = Box(inner)
refs = gc.get_referents(b)
print(refs[0] is inner, refs[1], refs[2] is Box)
