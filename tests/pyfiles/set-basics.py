"""A set keeps one of each value.

Adding an equal value again changes nothing."""
seen = set()
seen.add('x')
seen.add('y')
seen.add('x')
print(len(seen), 'x' in seen)
evens = {0, 2, 4}
small = {0, 1, 2}
print(evens.union(small) == {0, 1, 2, 4})
print(evens.intersection(small) == {0, 2})
copy = evens.copy()
copy.remove(0)
print(len(evens), len(copy))
