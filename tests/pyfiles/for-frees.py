"""What a for loop frees, and when.

The iterable built on the header line lives in the iterator until the
loop ends; the loop variable keeps the last item alive."""
import sys
import gc
for v in [[1], [2], [3]]:
    print(v)
# the tuple and its first two lists are gone; v keeps the third
print(v, sys.getrefcount(v))
for w in list(range(3)):
    w = [w]
print(w)
it = iter([10, 20, 30])
first = next(it)
# a loop over an iterator that was already started
for rest in it:
    print(first, rest)
del it
words = ["a", "bb", "ccc"]
for i in range(len(words)):
    for j in range(i):
        print(words[i], words[j], sys.getrefcount(words))
def lengths(seq):
    out = []
    for s in seq:
        out.append(len(s))
    return out
print(lengths(words), sys.getrefcount(words))
cycle = []
cycle.append(cycle)
for c in [cycle]:
    pass
del cycle
del c
print(gc.collect())
