import weakref


class A:
    pass


d = weakref.WeakValueDictionary()
try:
    d["x"]
except KeyError:
    print("missing")
