"""Two lists that refer to each other.

Each keeps the other's count above zero after the names are gone."""
import gc
left = ['left']
right = ['right']
left.append(right)
right.append(left)
del left
# right still reaches left: nothing is garbage yet
print(gc.collect())
del right
# now both are unreachable: the collector finds two objects
print(gc.collect())
