# refscope: section "13. Thresholds", gc_threshold 5
"""Thresholds - the collector runs by itself

With generation 0's threshold at 5, the allocation that takes the count
past 5 starts a collection by itself."""
import gc

# Real programs rarely call gc.collect(). CPython keeps a count:
# container allocations minus deallocations. When the count goes over
# generation 0's threshold, a collection starts by itself. Here the
# threshold is set to 5 instead of 700 (the setting at the top), so we
# can watch it: the thresholds are now (5, 10, 10).
print(gc.get_threshold())
# expect: heap == 0

# One container allocated: the count is 1.
junk = []
# expect: gen(junk) == 0

# The list contains itself, a cycle.
junk.append(junk)
# expect: refcount(junk) == 2

# The cycle is garbage. No collection has run, so it is still there,
# and the count is still 1.
del junk
# expect: freed == 0
# expect: collected == 0
# expect: heap == 1
# ask: freed
# answer: 0

# gc.get_count() shows the counts of the three generations: (1, 0, 0).
print(gc.get_count())
# expect: heap == 1
# pause

# Four inner lists bring the count to 5. Allocating the outer list
# makes it 6, over the threshold, so generation 0 is collected right
# then, before the outer list is built. The cycle is freed and the four
# inner lists survive into generation 1; the outer list, finished after
# the collection, starts in generation 0.
x = [[], [], [], []]
# expect: collected == 1
# expect: gen(x[0]) == 1
# expect: gen(x[3]) == 1
# expect: gen(x) == 0
# expect: heap == 5
# pause

# The collection reset generation 0's count, and generation 1 counts
# one collection: (0, 1, 0).
print(gc.get_count())
# expect: heap == 5

# Three more allocations stay under the threshold: no collection.
y = [[], []]
# expect: collected == 0
# expect: gen(y) == 0
# expect: gen(y[0]) == 0

# Generation 0's count is 3 now: (3, 1, 0). The third container
# allocated from here on will push it over 5 and start the next
# collection.
print(gc.get_count())
# expect: heap == 8
# pause
