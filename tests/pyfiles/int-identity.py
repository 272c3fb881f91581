"""Each result past the small-int cache is a new object.

So equal big ints made at run time are never the same object."""
x = 1000
y = x + 0
print(x == y, x is y)
z = x * 1
print(x is z)
w = x
print(w is x)
small = 200 + 56
print(small is 256)
