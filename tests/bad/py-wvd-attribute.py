import weakref


class A:
    pass


d = weakref.WeakValueDictionary()
d.name = "cache"
