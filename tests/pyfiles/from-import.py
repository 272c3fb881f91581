"""from ... import: a module's function called by its own name.

refscope draws the imported names no more than it draws sys or gc."""
from copy import copy
from gc import collect, is_tracked
from weakref import ref
import sys


class Node:
    pass


a = Node()
a.me = a
r = ref(a)
print(is_tracked(a), r() is a)
b = copy([a, a])
print(sys.getrefcount(a))
del a, b
print(collect(), r())
