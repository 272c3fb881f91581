"""Several statements on one line, separated by semicolons.

They run left to right, as one line."""
a = [1]; b = a; b.append(2)
print(a)
x = 1000; y = x; x = 2000
print(x, y)
del a; c = b
print(c is b)
