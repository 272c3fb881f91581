"""Cycles and the collector together

A cycle holding a tree: gc.collect() breaks the cycle and reference counting
frees the tree as a cascade."""
# refscope: section "14. Cycles and trees"
import gc


# A Node is an object that can carry attributes: here, other and tree.
class Node:
    pass


# The last idea puts the two mechanisms together. First, two Node
# objects, a...
a = Node()
# label: a "a"
# expect: refcount(a) == 1

# ...and b.
b = Node()
# label: b "b"
# expect: refcount(b) == 1

# a points at b: b's count is 2.
a.other = b
# expect: refcount(b) == 2

# And b points back at a: a cycle of two.
b.other = a
# expect: a.other.other is a
# expect: refcount(a) == 2
# pause

# b also holds a small tree: an outer list (tree) holding two new, empty
# lists (tree[0] and tree[1]). The tree has no cycle of its own; each
# list has exactly one reference, from its parent.
b.tree = [[], []]
# label: b.tree "tree", b.tree[0] "tree[0]", b.tree[1] "tree[1]"
# expect: refcount(b.tree) == 1
# expect: refcount(b.tree[0]) == 1
# expect: refcount(b.tree[1]) == 1

# Both names go. The nodes keep each other at a count of 1, and the tree
# hangs from b, so reference counting frees nothing: the nodes and the
# lists are lost but alive.
del a, b
# ask: freed
# answer: 0
# expect: freed == 0
# pause

# The collector finds the cycle and everything only it can reach: the 2
# nodes and the 3 lists, and prints 5. It then clears a's reference to
# b. b's count hits 0, and reference counting does the rest as a
# cascade: b, then its tree, last items first, and finally a.
print(gc.collect())
# expect: collected == 5
# pause

# So the two work as a team: reference counting frees most objects the
# moment they are unused, and the collector only has to break the cycles
# that counting cannot see. Only the class Node is left of what this
# program made.
pass
