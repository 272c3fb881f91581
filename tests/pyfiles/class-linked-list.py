"""A linked list built from a class.

Each node holds its value and the next node; the class holds its methods."""
import sys


class Node:
    """One node of the list."""

    def __init__(self, value, next=None):
        self.value = value
        self.next = next

    def length(self):
        n = 0
        node = self
        while node is not None:
            n = n + 1
            node = node.next
        return n


head = None
for v in [1001, 1002, 1003]:
    head = Node(v, head)
print(head.length(), head.value, head.next.value)
# the class is held by its name, by each instance and by CPython itself
print(sys.getrefcount(Node))
second = head.next
head = None
print(second.length(), sys.getrefcount(second))
second = None
print(sys.getrefcount(Node), Node.__doc__)
