import weakref
class A:
    pass
r = weakref.ref(A)
