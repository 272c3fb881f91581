"""`in` a dict view: a key is looked up, a pair's key looked up and its
value compared, a value compared with each value in turn."""
d = {"a": 1000, "b": [1, 2]}
keys = d.keys()
print("a" in keys, "z" in keys, 1000 in keys)
print(1000 in d.values(), [1, 2] in d.values(), 5 not in d.values())
items = d.items()
print(("a", 1000) in items, ("a", 1001) in items, ("b", [1, 2]) in items)
print("a" in items, ("q", 1) in items, (1, 2, 3) in items)
d["c"] = 3
print("c" in keys, ("c", 3) in items)
