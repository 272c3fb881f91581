"""A dict view is true when its dict has entries; iterators are always
true."""
d = {}
keys = d.keys()
print(bool(keys), not keys, bool(d.items()))
d["k"] = 1000
print(bool(keys), not d.values())
if keys:
    print("keys now")
it = iter([])
print(bool(it), bool(enumerate([])), bool(zip()))
