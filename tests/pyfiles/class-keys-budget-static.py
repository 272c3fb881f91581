"""A name only a method stores takes room in 3.14's shared keys.

3.14 starts a class's shared keys with every name its methods store as
self.NAME, whether an instance ever gets it or not: here `next`, which no
instance has.  That leaves one name less of the 30 for the others, so the
instance n runs out of room one name earlier than on 3.11 to 3.13 and
gets a real dict, which the collector finds too."""
import gc


class Node:
    def link(self, other):
        self.next = other


kept = []
for i in range(27):
    kept.append(Node())
n = Node()
n.a = n
n.b = n
del n
print(gc.collect())
