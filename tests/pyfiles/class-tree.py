"""A tree whose children point back at their parent.

Each child holds its parent and the parent holds its children: cycles.
Dropping the root's name frees nothing; the collector finds them all."""
import gc
import sys


class Tree:
    def __init__(self, label, parent=None):
        self.label = label
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)

    def size(self):
        n = 1
        for child in self.children:
            n = n + child.size()
        return n


root = Tree("root")
for name in ["a", "b"]:
    child = Tree(name, root)
    Tree(name + "1", child)
print(root.size(), sys.getrefcount(root), len(root.children))
leaf = root.children[1].children[0]
print(leaf.label, leaf.parent.parent is root)
del child
root = None
print(gc.collect())
leaf = None
print(gc.collect())
