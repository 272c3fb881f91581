"""Comprehensions."""
L = [10, 20, 30]
squares = [x * x for x in L]
print(squares)
evens = [x for x in range(10) if x % 2 == 0]
print(evens)
pairs = [(a, b) for a in range(3) for b in "xy"]
print(pairs)
s = {c for c in "hello"}
print(sorted(s))
d = {k: v for k, v in [("a", 1), ("b", 2)]}
print(d)
nested = [[y * 2 for y in row] for row in [[1, 2], [3]]]
print(nested)
x = "kept"
print([x for x in "ab"], x)
