"""A class past the 30-key budget of 3.11's shared keys.

Instances keep their attributes beside them, in their class's shared
keys, which have room for 30 names, one less with each instance made.
When a name finds no room, the instance gets a real __dict__: one more
object for the collector to find.  3.14 starts a class's shared keys with
every name its methods store as self.NAME, whether an instance ever gets
it or not: Linked's `next` takes room that no instance uses, and x runs
out one name earlier than on 3.11 to 3.13."""
import gc


class Node:
    pass


kept = []
for i in range(28):
    kept.append(Node())
n = Node()
n.a = n
# the keys are full now: b needs a dict
n.b = n
del n
print(gc.collect())
m = Node()
m.a = 1000
print(gc.collect(), m.a)


class Linked:
    def link(self, other):
        self.next = other


chain = []
while len(chain) < 27:
    chain.append(Linked())
x = Linked()
x.a, x.b = x, x
del x
print(gc.collect())
