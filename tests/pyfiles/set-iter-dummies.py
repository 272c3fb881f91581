"""A set iterates in hash table order; a discarded element leaves a dummy
slot that the iterator skips."""
s = {1, 2, 3, 9, 17}
s.discard(2)
order = []
for x in s:
    order.append(x)
print(order)
s.add(33)
print(list(s), len(s))
words = {"kiwi", "fig"}
it = iter(words)
first = next(it)
print(sorted(words), first in words, len(list(it)))
