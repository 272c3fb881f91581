"""Set displays of constants in a file

CPython builds a set display of constants from one frozenset constant of
the module's code (BUILD_SET, then SET_UPDATE)."""
a = 'name'
s = {1, 2, 3}
t = {'apple', 'banana', 'cherry'}
u = {0.5, 1.5, 2.5, 1e16, -1.0, -1, -2, 3.25}
print(s, len({1, 2, 2}), {1, 2} < {1, 2, 3}, {1} == {1.0})
v = {5000, a, 6000}
w = {8, 16, 0, 7000, -1, 24}
print(t, u, v, w)

