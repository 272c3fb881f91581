# diff: skip (gc: textbook is the article's collector, not CPython's)
"""Tracing - mark and sweep

The article's tracing collector: from the root r, mark reaches 1, 4, 6, 7
and 8; sweep frees 2, 3 and 5."""
# refscope: section "11. Mark and sweep", gc textbook
import gc


# A Node is an object that can carry attributes: here, a and b.
class Node:
    pass


# Reference counting cannot free cycles. A tracing collector works the
# other way round: instead of counting references, it starts from the
# names the program can use (the roots) and follows every reference to
# find what is still reachable. Whatever it cannot reach is garbage,
# cycle or not.
pass

# Our graph: a root r and eight nodes, made in two lines. Here r and nodes
# 1 to 4; each node's box carries its number as a label, which stays when
# the names n1 to n8 are deleted.
r, n1, n2, n3, n4 = Node(), Node(), Node(), Node(), Node()
# label: n1 "node 1", n2 "node 2", n3 "node 3", n4 "node 4"

# And nodes 5 to 8.
n5, n6, n7, n8 = Node(), Node(), Node(), Node()
# label: n5 "node 5", n6 "node 6", n7 "node 7", n8 "node 8"

# r points at 1, and 1 points at 4 and at 6.
r.a, n1.a, n1.b = n1, n4, n6
# expect: r.a is n1
# expect: n1.b is n6

# 6, 7 and 8 form a ring: 6 -> 7 -> 8 -> 6.
n6.a, n7.a, n8.a = n7, n8, n6
# expect: n8.a is n6

# 2, 3 and 5 form another ring, 2 -> 3 -> 5 -> 2, and 3 also points at 4.
# Node 4 is pointed at by 1, by 3 and by its name n4: count 3.
n2.a, n3.a, n5.a, n3.b = n3, n5, n2, n4
# expect: n5.a is n2
# expect: n3.b is n4
# expect: refcount(n4) == 3
# pause

# Now the only names left are r and the class Node: these are the roots.
# Every node still has a count of at least 1 (node 4 has 2), so nothing is
# freed: the ring of nodes 2 -> 3 -> 5 keeps itself alive although
# nothing reachable points at it.
del n1, n2, n3, n4, n5, n6, n7, n8
# ask: freed
# answer: 0
# expect: freed == 0
# expect: refcount(r.a.a) == 2
# pause

# Mark: starting from the roots, the collector marks the class Node and
# r, then 1, then what 1 points at, 4 and 6, then 7 and 8; 8 leads back
# to 6, already marked. Sweep: it walks the whole heap and frees every
# unmarked object: 2, 3 and 5. It prints 3.
print(gc.collect())
# expect: collected == 3
# expect: alive(r.a)
# expect: alive(r.a.a)
# expect: alive(r.a.b)
# expect: alive(r.a.b.a)
# expect: alive(r.a.b.a.a)
# expect: r.a.b.a.a.a is r.a.b
# pause

# Node 4 survived, because 1 still points at it. The reference from the
# swept node 3 went away with 3, so 4's count is down to 1.
pass
# expect: refcount(r.a.a) == 1
