import weakref


class A:
    pass


d = weakref.WeakSet()
