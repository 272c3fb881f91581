"""True and False are two objects, and they are ints.

Every comparison returns one of the two."""
t = 1 < 2
f = 1 > 2
print(t is True, f is False)
print(True + True, True * 10, False == 0)
flags = [t, f, 3 == 3]
print(flags, flags[0] is flags[2])
print(isinstance(True, int), isinstance(1, bool))
