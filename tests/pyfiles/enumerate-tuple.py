"""enumerate's result tuple: reused while nobody keeps it, a new one
when the last is kept."""
import sys
letters = ["a", "b", "c", "d"]
e = enumerate(letters)
p1 = next(e)
p2 = next(e)
print(p1, p2, p1 is p2, sys.getrefcount(p1))
del p1
p3 = next(e)
print(p3, sys.getrefcount(p3))
del p2, p3
p4 = next(e)
print(p4, sys.getrefcount(p4), next(e, None))
saved = []
for pair in enumerate("xy", 10):
    saved.append(pair)
print(saved)
