"""min() and max() with key=: the key of each item decides, the item wins.

Each item's key is computed once, as the items come; the best item and
its key are held while the rest are looked at, and a loser is let go
with its key at once.  On a tie the first best stays."""
import sys


class City:
    def __init__(self, name, people):
        self.name = name
        self.people = people

    def size(self):
        return self.people


cities = [City("a", 5), City("b", 9), City("c", 9), City("d", 1)]
print(max(cities, key=lambda c: c.people).name)
print(min(cities, key=lambda c: c.people).name)
print(max(cities, key=City.size).name)
words = ["pear", "fig", "banana", "kiwi"]
print(max(words, key=lambda w: len(w)))
print(min("pear", "fig", "banana", key=lambda w: len(w)))
print(max(3, 1, 2, key=lambda v: -v), max([1, 2], key=None))
seen = []


def note(x):
    seen.append(x)
    return x % 3


print(max([4, 5, 6, 8], key=note), seen)
k = lambda c: c.people
best = max(cities, key=k)
print(best.name, sys.getrefcount(k), sys.getrefcount(best))
try:
    min([], key=k)
except ValueError as e:
    print(e)
