"""A tuple cannot change, but what it holds can.

The tuple's slots are fixed; a list inside it can still grow."""
pair = ([1, 2], 'label')
pair[0].append(3)
print(pair)
single = (1000,)
print(len(single), single[0])
point = (3, 4)
x, y = point
print(x, y)
# packing and unpacking in one line: no tuple survives
a, b = 1000, 2000
a, b = b, a
print(a, b)
