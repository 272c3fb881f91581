"""del removes a name, not an object.

The object goes only when its last reference does."""
import sys
a = [1, 2, 3]
b = a
del a
# the list lives on through b
print(b, sys.getrefcount(b))
del b
# now the list is freed: no name refers to it
x = 1000
y = x
del x
print(y)
