"""deepcopy of instances that refer to each other.

deepcopy remembers each original it copied (its memo), so a reference back
to an original comes to its copy: the copies form the same cycle, which
only the collector frees."""
import copy
import gc


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        print("freed", self.name)


a = Node("a")
b = Node("b")
a.other = b
b.other = a
pair = copy.deepcopy(a)
print(pair.other.other is pair, pair is a, pair.other is b)
print(pair.name, pair.other.name)
del a, b
print(gc.collect())
del pair
print(gc.collect())
