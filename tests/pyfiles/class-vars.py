"""vars(n) and n.__dict__: reading them makes the instance's dict.

Until then 3.11 keeps the values beside the instance; once made, the
dict holds every attribute, and the collector finds it too."""
import gc
import sys


class Pair:
    def __init__(self, left, right):
        self.left = left
        self.right = right


p = Pair(1000, [2000])
d = vars(p)
print(d, d is p.__dict__, sys.getrefcount(d))
p.extra = 3000
print(d["extra"], p.extra, len(d))
del p.left
print(d, p.__class__ is Pair)
p.me = p
del p, d
print(gc.collect())
q = Pair(1, 2)
q.me = q
del q
print(gc.collect())
