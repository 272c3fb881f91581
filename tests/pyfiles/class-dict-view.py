"""n.__dict__ on 3.13 and 3.14: a dict that only views the values.

Reading vars(a) makes a's dict.  On 3.11 and 3.12 the values move into
it; from 3.13 they stay in the instance and the dict only shows them, so
the collector reaches them from the instance and never counts the dict:
one object less found in the cycle.  A name the shared keys have no room
for makes the dict a real one again, which the collector counts."""
import gc


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


a = Node("a")
b = Node("b")
a.other = b
b.other = a
d = vars(a)
print(len(d), d["name"], d is a.__dict__)
a.seen = 1000
print(len(d), d["seen"])
del d
del a, b
print(gc.collect())
kept = []
for i in range(26):
    kept.append(Node(i))
c = Node("c")
c.me = c
v = vars(c)
c.extra1 = 1
c.extra2 = 2
c.extra3 = 3
print(len(v))
del v, c
print(gc.collect())
