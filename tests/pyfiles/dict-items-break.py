"""A break out of a loop over d.items() drops the item iterator, and with
it the result tuple it kept."""
import sys
d = {"a": 1000, "b": 2000, "c": 3000}
for k, v in d.items():
    if k == "b":
        break
print(k, v, sys.getrefcount(v), sys.getrefcount(d))
for pair in d.items():
    print(pair, sys.getrefcount(pair))
print(pair, sys.getrefcount(pair))
kept = []
for pair in d.items():
    kept.append(pair)
print(kept, kept[0] is kept[1])
