import weakref
class A:
    pass
a = A()
r = weakref.ref(a, None, 3)
