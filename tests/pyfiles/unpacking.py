"""Unpacking binds several names at once.

The right side is built first, then its items are bound left to
right."""
first, second, third = [10, 20, 30]
print(first, second, third)
name, (lat, lon) = 'home', (51.5, -0.1)
print(name, lat, lon)
row = ['x', 'y']
a, b = row
print(a is row[0], b is row[1])
for key, value in [('a', 1), ('b', 2)]:
    print(key, value)
