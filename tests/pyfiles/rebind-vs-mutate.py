"""Rebinding versus mutating.

`x = x + [1]` builds a new list and moves the name; `x += [1]` changes
the list in place, so every other name for it sees the change."""
x = [0]
y = x
x = x + [1]
# y still names the old list
print(x, y)
# expect: x is not y
x = [0]
y = x
x += [1]
# += on a list extends it in place: y sees the change
print(x, y)
# expect: x is y
# numbers and strings cannot change: += always rebinds
n = 1000
m = n
n += 1
print(n, m)
s = 'abc'
t = s
s += 'd'
print(s, t, s is t)
