"""A range answers `in` and `==` by arithmetic, and hashes as CPython does."""
r = range(10, 0, -3)
a = 4 in r
b = 5 in r
c = 10 in r
d = 1 in r
e = range(0) == range(5, 2)
f = range(1, 2) == range(1, 3, 5)
g = range(0, 6, 2) == range(0, 5, 2)
h = 3 in range(1, 10, 2)
s = {range(0, 4), range(1, 9, 3)}
z = (range(2, 8) in s, 7 in range(-3, 100, 10), -3 in range(-3, 100, 10))
print(a, b, c, d, e, f, g, h, len(s), z)
empty = range(3, 3)
if empty:
    print("not printed")
elif range(1) and iter(range(0)):
    print("a range of one number and any iterator are true")
t = not range(0), bool(range(2, 1, -1))
print(t)
