"""Looping over a tuple; the loop name is rebound each pass.

After the loop, the name keeps the last item."""
points = ((0, 0), (1, 2), (3, 4))
total = 0
for p in points:
    total += p[0] + p[1]
print(total, p)
for x, y in points:
    print(x * y)
print(x, y)
