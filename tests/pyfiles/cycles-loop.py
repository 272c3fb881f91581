"""Cycles made in a loop, found by the collector.

Each turn makes a pair of lists that hold each other, then drops them."""
import gc
k = 3
while k:
    a = [k]
    b = [a]
    a.append(b)
    k -= 1
del a, b
found = gc.collect()
print(found)
