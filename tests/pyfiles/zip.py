"""zip walks several iterables side by side and stops at the shortest.

It holds a tuple of their iterators and a result tuple it reuses."""
import sys
names = ["ann", "bob", "cy"]
ages = [31, 42, 53]
for name, age in zip(names, ages):
    print(name, age, sys.getrefcount(names))
print(list(zip("abc", [1, 2])), list(zip()))
z = zip(names, ages, "xyz")
row = next(z)
print(row, sys.getrefcount(row))
row2 = next(z)
print(row2, row is row2)
del row, row2
print(next(z), list(z), next(z, None))
table = dict(zip(names, ages))
print(table)
pairs = zip({"k": 1000}, {"k": 1000}.values())
print(list(pairs))
short = zip([1, 2, 3], [4])
print(list(short))
