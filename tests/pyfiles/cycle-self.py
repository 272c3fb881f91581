"""A list that contains itself.

Deleting the name leaves the list's count at one: its own slot.
Only the cycle collector can free it."""
import gc
import sys
loop = []
loop.append(loop)
print(sys.getrefcount(loop))
del loop
# unreachable, but not freed by reference counting
print(gc.collect())
