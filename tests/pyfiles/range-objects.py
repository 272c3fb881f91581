"""range is a lazy object: it makes its numbers as they are asked for.

A range object holds only start, stop and step."""
r = range(5)
print(r, len(r))
print(list(r))
evens = range(0, 10, 2)
print(list(evens), 4 in evens, 5 in evens)
down = range(5, 0, -1)
print(list(down))
for i in range(2):
    print(i)
