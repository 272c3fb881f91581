"""Loops inside loops over dicts and sets: each loop keeps its own
iterator on the frame's stack."""
import sys
groups = {"odd": {1, 3, 5}, "even": {2, 4}}
for name in groups:
    for n in groups[name]:
        print(name, n, sys.getrefcount(groups[name]))
pairs = {}
for i, letter in enumerate("abc"):
    for j, other in enumerate("xy"):
        pairs[letter + other] = i * 10 + j
print(pairs)
for key, value in sorted(pairs.items()):
    print(key, value)
