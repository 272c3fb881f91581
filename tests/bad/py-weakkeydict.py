import weakref


class A:
    pass


d = weakref.WeakKeyDictionary()
