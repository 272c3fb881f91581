import weakref
class A:
    pass
a = A()
r = weakref.ref(a)
r(1)
