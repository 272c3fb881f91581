import weakref


class C:
    pass


c = C()
f = weakref.finalize(c, print)
f.x = 1
