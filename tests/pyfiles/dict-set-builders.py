"""dict() and set() build new containers; update() fills them in place.

The keys and values are shared with where they came from."""
pairs = [('one', [1]), ('two', [2])]
d = dict(pairs)
print(d, d['one'] is pairs[0][1])
more = dict(d)
print(more == d, more is d)
s = set([3, 1, 2])
s.update([4, 1])
print(len(s), 4 in s)
empty = dict()
empty.update(d)
print(empty)
