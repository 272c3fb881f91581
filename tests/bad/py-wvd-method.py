import weakref


class A:
    pass


d = weakref.WeakValueDictionary()
print(d.keys())
