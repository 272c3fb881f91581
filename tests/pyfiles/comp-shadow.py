"""The comprehension's variable is its own: a name outside keeps its value."""
x = [7]
y = [x for x in "abc"]
print(x, y)
k, v = "k", "v"
d = {k: v for k, v in [("one", [1]), ("two", [2])]}
print(k, v, d)
nested = [(i, j) for i, j in enumerate([[0], [1]])]
print(nested)
