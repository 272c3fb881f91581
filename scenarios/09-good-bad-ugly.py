"""Reference counting, the good, the bad and the ugly

Reference counting frees at once (good), updates counts at every assignment
and call (bad), and never frees a cycle (ugly)."""
# refscope: section "9. Good, bad and ugly"
import gc


# look does nothing with its parameter.
def look(p):
    # Even a function that does nothing changes the count: its parameter p
    # is a reference, so the count is 5 while it runs.
    pass
    # expect: refcount(p) == 5
    # And returning changes it again, back down to 4.
    return


# The good. A list of three small lists: four objects, all held through
# the name big.
big = [[1], [2], [3]]
# expect: refcount(big) == 1
# expect: refcount(big[2]) == 1

# The moment the last reference goes, all four are freed, in this very
# step. No waiting and no pause: memory comes back exactly when the
# program stops using it.
del big
# expect: freed == 4
# pause

# The bad. Every object carries a count, and Python must keep it right
# all the time. Watch this list's count.
x = [1000]
# expect: refcount(x) == 1

# A plain assignment writes to the object's count: 1 becomes 2.
y = x
# expect: refcount(x) == 2

# Putting it in a list twice means two more writes: 2 names plus 2 slots,
# so the count is 4.
z = [x, x]
# expect: refcount(x) == 4

# Calling a function, even one that does nothing, raised the count and
# lowered it again. Multiply that by every object and every line of a
# program: that is the cost of reference counting.
look(x)
# expect: refcount(x) == 4
# pause

# The ugly. A new empty list, with one reference: the name loop.
loop = []
# expect: refcount(loop) == 1

# The list now contains itself. Its own slot is a second reference to it:
# count 2. This is a cycle.
loop.append(loop)
# expect: loop[0] is loop
# expect: refcount(loop) == 2

# We delete the only name, but the count only drops to 1: the list still
# holds itself. Nothing in the program can reach it any more, yet
# reference counting will never free it.
del loop
# ask: freed
# answer: 0
# expect: freed == 0
# pause

# That is why CPython has a second tool, the cycle collector. It finds the
# lost list and frees it: gc.collect() reports 1 object collected. The
# next lessons look at it closely.
print(gc.collect())
# expect: collected == 1
