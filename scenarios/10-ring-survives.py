"""A ring survives reference counting

The article's Figure 1.10: a ring x -> y -> z -> x outlives its names and A,
until gc.collect() frees it."""
# refscope: section "10. A ring of objects"
import gc


# A Node is an object that can carry attributes: here, next.
class Node:
    pass


# Three Node objects, x, y and z, will point at each other. First x, with
# a count of 1. Each box keeps its name as a label, even after the name
# itself is gone.
x = Node()
# label: x "x"
# expect: refcount(x) == 1

# Then y.
y = Node()
# label: y "y"
# expect: refcount(y) == 1

# And z.
z = Node()
# label: z "z"
# expect: refcount(z) == 1

# x's attribute next points at y: y's count goes up to 2.
x.next = y
# expect: x.next is y
# expect: refcount(y) == 2

# y points at z: z's count is 2.
y.next = z
# expect: refcount(z) == 2

# And z points back at x, closing the ring: x -> y -> z -> x. Every node
# now has 2 references, its name and its neighbour.
z.next = x
# expect: x.next.next.next is x
# expect: refcount(x) == 2
# expect: refcount(y) == 2
# expect: refcount(z) == 2
# pause

# A fourth name, A, points at y: y's count is 3.
A = y
# expect: A is y
# expect: refcount(y) == 3

# We delete the names x, y and z. Each node loses one reference, but the
# ring is still held: y through A, and every node by its neighbour.
del x, y, z
# ask: freed
# answer: 0
# expect: refcount(A) == 2
# expect: refcount(A.next) == 1
# expect: refcount(A.next.next) == 1
# expect: freed == 0

# Now A moves away. y drops to 1, not 0, because x still points at it.
# All three counts are 1, so reference counting frees nothing. No name can
# reach the ring, yet it lives on.
A = None
# expect: freed == 0
# pause

# The cycle collector finds objects that are only held by each other.
# gc.collect() frees the three nodes and prints 3. Only the class Node is
# left of what this program made.
print(gc.collect())
# expect: collected == 3
# expect: freed == 0
# pause
