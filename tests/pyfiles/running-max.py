"""Finding the largest item by hand.

The best-so-far name is rebound to each larger item: the items
themselves are never copied."""
temps = [12.5, 17.25, 9.0, 17.5, 11.0]
best = temps[0]
for t in temps:
    if t > best:
        best = t
print(best, best is temps[3])
print(max(temps) is best)
