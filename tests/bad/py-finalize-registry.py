import weakref


class C:
    pass


c = C()
f = weakref.finalize(c, print)
print(len(f._registry))
