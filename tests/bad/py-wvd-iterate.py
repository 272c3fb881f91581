import weakref


class A:
    pass


d = weakref.WeakValueDictionary()
a = A()
d["a"] = a
for k in d:
    print(k)
