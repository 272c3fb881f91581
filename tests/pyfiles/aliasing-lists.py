"""Aliasing: a change through one name shows through the other.

Both names refer to one list, so appending through either changes
the one object they share."""
a = [1, 2, 3]
b = a
b.append(4)
# a sees the 4: there is only one list
print(a)
# expect: a is b
a[0] = 100
print(b)
# rebinding b breaks the link; mutating a no longer shows in b
b = b + [5]
a.append(6)
print(a, b)
# expect: a is not b
