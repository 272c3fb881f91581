import weakref
x = [1, 2]
r = weakref.ref(x)
