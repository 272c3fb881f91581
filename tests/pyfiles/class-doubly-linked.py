"""A doubly linked list: each node holds the next and the one before.

Every pair of neighbours is a cycle, so dropping the list's names frees
nothing: reference counting leaves the whole chain to the collector."""
import gc


class Node:
    def __init__(self, value):
        self.value = value
        self.prev = None
        self.next = None


class DoublyLinked:
    def __init__(self):
        self.head = None
        self.tail = None

    def append(self, value):
        node = Node(value)
        if self.tail is None:
            self.head = node
        else:
            self.tail.next = node
            node.prev = self.tail
        self.tail = node


chain = DoublyLinked()
for v in [1000, 2000, 3000]:
    chain.append(v)
print(chain.head.next.value, chain.tail.prev.value)
second = chain.head.next
del chain
# second's neighbours still hold it, and it holds them
print(second.prev.value, second.next.value)
del second
print(gc.collect())
