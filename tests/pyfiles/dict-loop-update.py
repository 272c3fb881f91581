"""Changing the values of a dict while a loop walks it is allowed: its
size stays the same.  Deleted keys are skipped by the iterator."""
import sys
scores = {"ann": 1000, "bob": 2000, "cy": 3000}
for name in scores:
    scores[name] = scores[name] + 1
print(scores)
del scores["bob"]
for name, score in scores.items():
    print(name, score, sys.getrefcount(score))
scores["dee"] = 4000
print(list(scores), list(scores.values()))
last = None
for value in scores.values():
    last = value
print(last, sys.getrefcount(last))
