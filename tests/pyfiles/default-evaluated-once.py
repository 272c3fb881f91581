"""A default value is evaluated once, on the def line.

Changing the name afterwards does not change the default."""
size = 10
def box(n=size):
    return n
size = 20
print(box(), box(5))
def stamp(log=[]):
    log.append(len(log))
    return log
a = stamp()
b = stamp()
print(a, b is a)
