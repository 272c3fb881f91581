"""Augmented assignment on items.

l[0] += 1 reads the item, makes a new int, and stores it back."""
counts = [0, 0, 0]
counts[1] += 1
counts[1] += 1
print(counts)
grid = [[1000], [2000]]
grid[0][0] += 1
print(grid)
d = {'n': 1000}
d['n'] += 24
print(d)
