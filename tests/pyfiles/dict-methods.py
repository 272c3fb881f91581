"""setdefault, update and popitem.

Each changes the dict in place and returns an object that already
exists or one that is new."""
groups = {}
groups.setdefault('a', []).append(1)
groups.setdefault('a', []).append(2)
groups.setdefault('b', []).append(3)
print(groups)
extra = {'c': [4]}
groups.update(extra)
print(groups['c'] is extra['c'])
last = groups.popitem()
print(last, groups)
