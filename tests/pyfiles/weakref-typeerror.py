"""Not everything can be weakly referenced, and that is an exception.

An int, a str, a list or a tuple has no room for the list of its weak
references: weakref.ref raises TypeError, which an except catches like
any other.  An instance of a class of the program can: a second plain
weakref to it is the first one again."""
import weakref


class Node:
    pass


for value in [5, "text", [1], (1, 2)]:
    try:
        r = weakref.ref(value)
    except TypeError as e:
        print("caught:", e)
n = Node()
print(weakref.ref(n) is weakref.ref(n), weakref.getweakrefcount(n))
