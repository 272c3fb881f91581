"""A ring of lists: each refers to the next, the last to the first.

Dropping one name is not enough; dropping the last reaches nothing."""
import gc
first = [0]
node = first
for i in range(1, 5):
    nxt = [i]
    node.append(nxt)
    node = nxt
node.append(first)
del nxt
print(gc.collect())
del node
print(gc.collect())
del first
print(gc.collect())
