"""A dict view holds its dict: a dict that holds its own view is a
cycle, which only the collector frees."""
import gc
gc.disable()
d = {"x": [1, 2]}
d["keys"] = d.keys()
print(len(d["keys"]))
del d
print(gc.collect())
e = {}
e["items"] = e.items()
e["self"] = e
del e
print(gc.collect())
