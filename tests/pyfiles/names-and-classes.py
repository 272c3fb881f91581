"""What an object says of its kind: __class__ and __name__.

Every object knows its class: x.__class__ is type(x).  A class and a
function know their names, the interned strs of their def and class
statements; a lambda's is '<lambda>'."""


class K:
    pass


def f():
    pass


g = lambda: 1
k = K()
print(k.__class__.__name__, [].__class__, (1).__class__.__name__)
print(f.__name__, g.__name__, f.__class__, type(f).__name__)
try:
    1 / 0
except ZeroDivisionError as e:
    print(e.__class__, e.__class__.__name__, type(e) is e.__class__)
print(K.__name__, f.__name__ == 'f', k.__class__ is K)
print(None.__class__, True.__class__.__name__, 'x'.__class__ is str)
