import weakref

d = weakref.WeakValueDictionary()
d["n"] = 5
