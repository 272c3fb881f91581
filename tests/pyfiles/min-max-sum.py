"""min, max and sum return objects that already exist or new ones.

max of a list returns one of its items itself."""
values = [1000, 3000, 2000]
top = max(values)
low = min(values)
print(top, low, top is values[1], low is values[0])
total = sum(values)
print(total)
print(max(3, 7), min('pear', 'apple'), sum([0.5, 0.25]))
print(abs(-1000), abs(2.5))
