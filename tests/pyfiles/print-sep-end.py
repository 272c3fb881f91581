"""print's sep= and end=: how the output is laid out, nothing more."""
import sys


class Node:
    def __init__(self, value):
        self.value = value

    def __str__(self):
        return "Node(" + str(self.value) + ")"


nodes = [Node(1), Node(2), Node(3)]
for n in nodes:
    print(n.value, end=" ")
print()
print(1, 2, 3, sep=", ")
print("a", "b", sep="")
print(nodes[0], nodes[1], sep=" -> ", end=" !\n")
sep = " | "
print(sys.getrefcount(sep), "x", sep=sep)
print("no newline", end="")
print(" then this", end=None)
print("default", sep=None)
try:
    print(1, sep=2)
except TypeError as e:
    print("caught", e)
